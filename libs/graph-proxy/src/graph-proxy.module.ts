import { Module } from '@nestjs/common';
import { MetricsModule } from '@app/common';
import { TokensModule } from '@app/tokens';
import { ConnectionSemaphore } from './connection-semaphore';
import { GraphCallsLog } from './graph-calls.log';
import { GraphProxyService } from './graph-proxy.service';
import { GraphUpstream } from './graph-upstream';
import { RequestBudget } from './request-budget';

@Module({
  imports: [MetricsModule, TokensModule],
  providers: [GraphProxyService, ConnectionSemaphore, RequestBudget, GraphUpstream, GraphCallsLog],
  exports: [GraphProxyService, GraphCallsLog],
})
export class GraphProxyModule {}
