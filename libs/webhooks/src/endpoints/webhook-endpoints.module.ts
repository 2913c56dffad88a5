import { Module } from '@nestjs/common';
import { WebhookDeliveryModule } from '../delivery';
import { WebhookActivityService } from './webhook-activity.service';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** The API's side of webhook endpoints: CRUD and secret rotation. */
@Module({
  imports: [WebhookDeliveryModule],
  providers: [WebhookEndpointsRepository, WebhookEndpointsService, WebhookActivityService],
  exports: [WebhookEndpointsService, WebhookActivityService],
})
export class WebhookEndpointsModule {}
