import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { paginate, Page } from '@app/connect';
import { EventEntity, WebhookAttemptEntity, WebhookEndpointEntity } from '@app/database';
import { EventEnvelope, EventsOutbox, isEventType, parseEventId, toEventEnvelope } from '@app/events';
import { DeliveriesRepository, WebhookDeliverer, WebhookQueue } from '../delivery';
import { toWebhookAttemptView, WebhookAttemptView } from './webhook-attempt.view';
import { WebhookEndpointsService } from './webhook-endpoints.service';

export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** The events log, redelivery, the delivery log and the test event: what the API reads and triggers. */
@Injectable()
export class WebhookActivityService {
  private readonly log = new Logger(WebhookActivityService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: DeliveriesRepository,
    private readonly deliverer: WebhookDeliverer,
    private readonly queue: WebhookQueue,
    private readonly outbox: EventsOutbox,
  ) {}

  listEvents(customerId: string, q: PageQuery & { type?: string; connectionId?: string }): Promise<Page<EventEnvelope>> {
    if (q.type !== undefined && !isEventType(q.type)) throw new DomainError('UNKNOWN_EVENT_TYPE', `Unknown event type "${q.type}"`, { errors: [{ field: 'type', code: 'unknown_event_type', message: `Unknown event type "${q.type}"`, value: q.type }] });
    const qb = this.db.getRepository(EventEntity).createQueryBuilder('e')
      .where('e.customer_id = :customerId', { customerId })
      .andWhere(`e.created_at > now() - make_interval(days => :days)`, { days: this.config.webhooks.eventRetentionDays });
    if (q.type) qb.andWhere('e.type = :type', { type: q.type });
    if (q.connectionId) qb.andWhere('e.connection_id = :connectionId', { connectionId: q.connectionId });
    return paginate(qb, 'e', q, toEventEnvelope);
  }

  async getEvent(customerId: string, publicId: string): Promise<EventEntity> {
    const id = parseEventId(publicId);
    const event = id ? await this.db.getRepository(EventEntity).findOneBy({ customerId, id }) : null;
    if (!event) throw new DomainError('NOT_FOUND', `No event ${publicId}`);
    return event;
  }

  async redeliver(customerId: string, publicId: string, endpointId?: string): Promise<Array<{ id: string; endpointId: string }>> {
    const event = await this.getEvent(customerId, publicId);
    let targets: string[];
    if (endpointId) {
      const endpoint = await this.endpoints.get(customerId, endpointId);
      if (!endpoint.enabled) throw new DomainError('WEBHOOK_ENDPOINT_DISABLED', `Webhook endpoint ${endpointId} is disabled: enable it first.`);
      targets = [endpoint.id];
    } else {
      const rows = await this.db.getRepository(WebhookEndpointEntity).createQueryBuilder('w').select('w.id', 'id')
        .where('w.customer_id = :customerId AND w.enabled AND :type = ANY(w.events)', { customerId, type: event.type }).getRawMany<{ id: string }>();
      targets = rows.map((r) => r.id);
    }
    const created = await this.deliveries.createDeliveries(customerId, event.id, targets, 'redeliver');
    try {
      await this.queue.enqueue(created.map((d) => ({ customerId, deliveryId: d.id, attempt: 1 })));
    } catch (err) {
      this.log.warn({ err: (err as Error).message, deliveries: created.length }, 'Redeliveries not queued (the sweep will pick them up)');
    }
    return created;
  }

  async attempts(customerId: string, endpointId: string, q: PageQuery & { status?: 'succeeded' | 'failed' }): Promise<Page<WebhookAttemptView>> {
    await this.endpoints.get(customerId, endpointId);
    const qb = this.db.getRepository(WebhookAttemptEntity).createQueryBuilder('a')
      .where('a.customer_id = :customerId AND a.endpoint_id = :endpointId', { customerId, endpointId });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    return paginate(qb, 'a', q, toWebhookAttemptView);
  }

  async test(customerId: string, endpointId: string): Promise<{ delivered: boolean; attempt: WebhookAttemptView | null }> {
    const endpoint = await this.endpoints.get(customerId, endpointId);
    if (!endpoint.enabled) throw new DomainError('WEBHOOK_ENDPOINT_DISABLED', `Webhook endpoint ${endpointId} is disabled: enable it first.`);
    const [delivery] = await this.db.transaction(async (em) => {
      const event = await this.outbox.append(customerId, { type: 'webhook.test', data: { endpointId, message: 'Test event from Latchkey' } }, em, true);
      return this.deliveries.createDeliveries(customerId, event.id, [endpointId], 'test', em);
    });
    const outcome = await this.deliverer.attempt(customerId, delivery.id, 1);
    const attempt = 'attempt' in outcome ? toWebhookAttemptView(outcome.attempt) : null;
    return { delivered: outcome.kind === 'succeeded', attempt };
  }
}
