import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { bullRootModule, CryptoModule, loggerOptions, MetricsModule, ProblemDetailsFilter, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { ConnectModule } from '@app/connect';
import { ConnectorsModule } from '@app/connectors';
import { CustomersModule } from '@app/customers';
import { EventsModule } from '@app/events';
import { dataSourceOptions } from '@app/database';
import { GraphProxyModule } from '@app/graph-proxy';
import { MailIntakeModule } from '@app/mail-notifications';
import { TokensModule } from '@app/tokens';
import { WebhookDeliveryModule, WebhookEndpointsModule } from '@app/webhooks';
import { WebhookEndpointsController } from './controllers/webhook-endpoints.controller';
import { EventsController } from './controllers/events.controller';
import { ApiKeysController } from './controllers/api-keys.controller';
import { ConnectSessionsController } from './controllers/connect-sessions.controller';
import { ConnectionsController } from './controllers/connections.controller';
import { SettingsController } from './controllers/settings.controller';
import { TokensController } from './controllers/tokens.controller';
import { GraphProxyController } from './controllers/graph-proxy.controller';
import { HostedController } from './hosted/hosted.controller';
import { ConnectorsController } from './controllers/connectors.controller';
import { CustomersController } from './controllers/customers.controller';
import { ScopesController } from './controllers/scopes.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { ConsoleAuthController } from './console/console-auth.controller';
import { signInThrottlerModule } from './console/sign-in-throttler';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'latchkey-api')),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)),
        TerminusModule.forRoot({ errorLogStyle: 'json', logger: false }),
        MetricsModule,
        CryptoModule,
        EventsModule,
        RedisModule,
        CustomersModule,
        ConnectorsModule,
        ConnectModule,
        bullRootModule(),
        TokensModule,
        WebhookDeliveryModule,
        WebhookEndpointsModule,
        GraphProxyModule,
        MailIntakeModule,
        signInThrottlerModule(),
      ],
      controllers: [
        CustomersController,
        ApiKeysController,
        ConnectorsController,
        ScopesController,
        SettingsController,
        ConnectSessionsController,
        ConnectionsController,
        WebhookEndpointsController,
        EventsController,
        TokensController,
        GraphProxyController,
        HostedController,
        ConsoleAuthController,
        HealthController,
        MetricsController,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
