import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { bullRootModule, CryptoModule, loggerOptions, MetricsModule, QUEUES, REFRESH_JOB_OPTIONS, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { HousekeepingRepository, HousekeepingService, KeyRotationService, SealedSecretsRepository } from '@app/connect';
import { ConnectorsModule } from '@app/connectors';
import { EventsModule } from '@app/events';
import { dataSourceOptions } from '@app/database';
import { MailSubscriptionsModule } from '@app/mail-notifications';
import { TokensModule } from '@app/tokens';
import { WebhookDeliveryModule, WebhookRelayModule } from '@app/webhooks';
import { WorkerReadiness } from './health/worker-readiness.service';
import { ConnectionStatsRepository } from './metrics/connection-stats.repository';
import { WorkerGauges } from './metrics/worker-gauges.service';
import { WorkerHttpServer } from './metrics/worker-http.server';
import { MailSubscriptionProcessor } from './mail-subscription.processor';
import { RefreshProcessor } from './refresh.processor';
import { SystemProcessor } from './system.processor';
import { WebhookProcessor } from './webhook.processor';

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
        MetricsModule,
        CryptoModule,
        EventsModule,
        RedisModule,
        bullRootModule(),
        BullModule.registerQueue({ name: QUEUES.system }, { name: QUEUES.refresh, defaultJobOptions: REFRESH_JOB_OPTIONS }),
        TokensModule,
        // The webhooks queue is registered by WebhookDeliveryModule; the relay loop and the sweep by WebhookRelayModule.
        WebhookDeliveryModule,
        WebhookRelayModule,
        // For the secret-expiry notices the system queue runs.
        ConnectorsModule,
        // Graph mail subscriptions: the sync and its sweep (the queue is registered there).
        MailSubscriptionsModule,
      ],
      providers: [
        SystemProcessor,
        RefreshProcessor,
        WebhookProcessor,
        MailSubscriptionProcessor,
        // The two maintenance services and their repositories, without the rest of ConnectModule (the API's flows).
        HousekeepingService,
        HousekeepingRepository,
        KeyRotationService,
        SealedSecretsRepository,
        // What operators watch: gauges read when scraped, and the listener serving them with the health probes.
        ConnectionStatsRepository,
        WorkerGauges,
        WorkerReadiness,
        WorkerHttpServer,
      ],
    };
  }
}
