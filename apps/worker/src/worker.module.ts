import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { bullRootModule, CryptoModule, loggerOptions, QUEUES, REFRESH_JOB_OPTIONS, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { HousekeepingRepository, HousekeepingService, KeyRotationService, SealedSecretsRepository } from '@app/connect';
import { dataSourceOptions } from '@app/database';
import { TokensModule } from '@app/tokens';
import { RefreshProcessor } from './refresh.processor';
import { SystemProcessor } from './system.processor';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    RefreshProcessor.configure(config);
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'latchkey-worker')),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)),
        CryptoModule,
        RedisModule,
        bullRootModule(),
        BullModule.registerQueue({ name: QUEUES.system }, { name: QUEUES.refresh, defaultJobOptions: REFRESH_JOB_OPTIONS }),
        TokensModule,
      ],
      // The two maintenance services and their repositories, without the rest of ConnectModule (the API's flows).
      providers: [SystemProcessor, RefreshProcessor, HousekeepingService, HousekeepingRepository, KeyRotationService, SealedSecretsRepository],
    };
  }
}
