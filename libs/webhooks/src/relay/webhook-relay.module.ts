import { Module } from '@nestjs/common';
import { WebhookDeliveryModule } from '../delivery/webhook-delivery.module';
import { DeliverySweeper } from './delivery-sweeper.service';
import { EventRelay } from './event-relay.service';
import { RelayLoop } from './relay-loop.service';

/** The outbox relay (looping in the worker) and the sweep that re-queues due deliveries from Postgres. */
@Module({
  imports: [WebhookDeliveryModule],
  providers: [EventRelay, RelayLoop, DeliverySweeper],
  exports: [EventRelay, DeliverySweeper],
})
export class WebhookRelayModule {}
