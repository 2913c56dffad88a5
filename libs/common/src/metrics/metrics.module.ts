import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Metrics } from './metrics';

/** The process's one Metrics (and registry), for every module that observes something. */
@Global()
@Module({
  providers: [{ provide: Metrics, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new Metrics(config.metrics.enabled) }],
  exports: [Metrics],
})
export class MetricsModule {}
