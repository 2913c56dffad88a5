import { Module } from '@nestjs/common';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** The API's side of webhook endpoints: CRUD and secret rotation. */
@Module({ providers: [WebhookEndpointsRepository, WebhookEndpointsService], exports: [WebhookEndpointsService] })
export class WebhookEndpointsModule {}
