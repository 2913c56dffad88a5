import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES, REFRESH_JOB_OPTIONS } from '@app/common';
import { ConnectorsModule } from '@app/connectors';
import { MicrosoftModule } from '@app/microsoft';
import { ReadTracker } from './read-tracker.service';
import { RefreshSweeper } from './refresh-sweeper.service';
import { TokenRefresher } from './token-refresher.service';
import { TokenService } from './token.service';

@Module({
  imports: [ConnectorsModule, MicrosoftModule, BullModule.registerQueue({ name: QUEUES.refresh, defaultJobOptions: REFRESH_JOB_OPTIONS })],
  providers: [TokenRefresher, TokenService, ReadTracker, RefreshSweeper],
  exports: [TokenRefresher, TokenService, ReadTracker, RefreshSweeper],
})
export class TokensModule {}
