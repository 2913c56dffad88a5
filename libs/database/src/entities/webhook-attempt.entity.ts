import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One HTTP attempt of a delivery: what the endpoint's delivery log shows. */
@Entity({ name: 'webhook_attempts' })
export class WebhookAttemptEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text', { name: 'event_type' })
  eventType: string;

  /** 1 for the first attempt of the delivery. */
  @Column('integer')
  attempt: number;

  /** `succeeded` (2xx) or `failed`. */
  @Column('text')
  status: 'succeeded' | 'failed';

  @Column('integer', { name: 'http_status', nullable: true })
  httpStatus: number | null;

  /** A machine-readable cause when there was no 2xx: `timeout`, `connection_refused`, `address_not_allowed`, `http_status`... */
  @Column('text', { nullable: true })
  error: string | null;

  @Column('integer', { name: 'duration_ms' })
  durationMs: number;

  /** The first 1 KB of the answer's body. */
  @Column('text', { name: 'response_body', nullable: true })
  responseBody: string | null;

  /** When the delivery will be tried again after this attempt; null when it will not. */
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
