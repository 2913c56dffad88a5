import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MetricsModule, QUEUES, REFRESH_JOB_OPTIONS } from '@app/common';
import { ConnectorsModule } from '@app/connectors';
import { ConnectionEventsRepository } from '@app/connect';
import { MicrosoftModule } from '@app/microsoft';
import { ConnectionTokensRepository } from './connection-tokens.repository';
import { CredentialCheckService } from './credential-check.service';
import { ReadTracker } from './read-tracker.service';
import { RefreshSteps } from './refresh-steps.service';
import { RefreshSweeper } from './refresh-sweeper.service';
import { TokenRefresher } from './token-refresher.service';
import { TokenService } from './token.service';

@Module({
  imports: [MetricsModule, ConnectorsModule, MicrosoftModule, BullModule.registerQueue({ name: QUEUES.refresh, defaultJobOptions: REFRESH_JOB_OPTIONS })],
  providers: [ConnectionEventsRepository, ConnectionTokensRepository, RefreshSteps, CredentialCheckService, TokenRefresher, TokenService, ReadTracker, RefreshSweeper],
  exports: [TokenRefresher, CredentialCheckService, TokenService, ReadTracker, RefreshSweeper],
})
export class TokensModule {}
