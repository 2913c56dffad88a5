import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TenantRepository, WebhookEndpointEntity } from '@app/database';

/** A customer's webhook endpoints: every query carries the tenant. */
@Injectable()
export class WebhookEndpointsRepository extends TenantRepository<WebhookEndpointEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, WebhookEndpointEntity);
  }
}
