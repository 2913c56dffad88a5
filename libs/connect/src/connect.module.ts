import { Module } from '@nestjs/common';
import { ConnectorsModule } from '@app/connectors';
import { MicrosoftModule } from '@app/microsoft';
import { CatalogService } from './catalog.service';
import { ConnectAttemptsService } from './connect-attempts.service';
import { ConnectFlowService } from './connect-flow.service';
import { ConnectSessionsService } from './connect-sessions.service';
import { ConnectionsService } from './connections.service';
import { HousekeepingService } from './housekeeping.service';
import { KeyRotationService } from './key-rotation.service';
import { SettingsService } from './settings.service';

@Module({
  imports: [ConnectorsModule, MicrosoftModule],
  providers: [ConnectSessionsService, ConnectFlowService, ConnectionsService, ConnectAttemptsService, SettingsService, CatalogService, HousekeepingService, KeyRotationService],
  exports: [HousekeepingService, KeyRotationService, CatalogService, ConnectSessionsService, ConnectFlowService, ConnectionsService, ConnectAttemptsService, SettingsService],
})
export class ConnectModule {}
