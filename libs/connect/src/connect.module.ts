import { Module } from '@nestjs/common';
import { ConnectorsModule } from '@app/connectors';
import { CustomersModule } from '@app/customers';
import { MicrosoftModule } from '@app/microsoft';
import { CatalogService } from './catalog.service';
import { CodeRedeemer } from './code-redeemer.service';
import { ConnectAttemptsService } from './connect-attempts.service';
import { ConnectFlowService } from './connect-flow.service';
import { ConnectSessionsService } from './connect-sessions.service';
import { ConnectionStore } from './connection-store.service';
import { ConnectionsService } from './connections.service';
import { HousekeepingService } from './housekeeping.service';
import { KeyRotationService } from './key-rotation.service';
import { ConnectAttemptsRepository } from './repositories/connect-attempts.repository';
import { ConnectSessionsRepository } from './repositories/connect-sessions.repository';
import { ConnectionEventsRepository } from './repositories/connection-events.repository';
import { ConnectionsRepository } from './repositories/connections.repository';
import { HousekeepingRepository } from './repositories/housekeeping.repository';
import { OAuthStatesRepository } from './repositories/oauth-states.repository';
import { SealedSecretsRepository } from './repositories/sealed-secrets.repository';
import { SettingsService } from './settings.service';

const REPOSITORIES = [
  ConnectionsRepository,
  ConnectionEventsRepository,
  ConnectSessionsRepository,
  OAuthStatesRepository,
  ConnectAttemptsRepository,
  HousekeepingRepository,
  SealedSecretsRepository,
];

@Module({
  imports: [ConnectorsModule, CustomersModule, MicrosoftModule],
  providers: [
    ...REPOSITORIES,
    ConnectSessionsService,
    CodeRedeemer,
    ConnectionStore,
    ConnectFlowService,
    ConnectionsService,
    ConnectAttemptsService,
    SettingsService,
    CatalogService,
    HousekeepingService,
    KeyRotationService,
  ],
  exports: [HousekeepingService, KeyRotationService, CatalogService, ConnectSessionsService, ConnectFlowService, ConnectionsService, ConnectAttemptsService, SettingsService],
})
export class ConnectModule {}
