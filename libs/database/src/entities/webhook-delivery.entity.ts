import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** `event`: the relay's one delivery per (event, endpoint); `redeliver`: asked through the API; `test`: webhook.test. */
export type DeliveryTrigger = 'event' | 'redeliver' | 'test';
/** `cancelled`: the endpoint was disabled or deleted before it succeeded. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

/** One event to one endpoint: its due time is the scheduler's state (Postgres), its attempts are logged apart. */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  @Column('text')
  trigger: DeliveryTrigger;

  @Column('text')
  status: DeliveryStatus;

  /** Attempts made (or started: a worker that died mid-attempt leaves it counted). */
  @Column('integer', { default: 0 })
  attempts: number;

  /** When the next attempt is due; null once it ended. */
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  /** An attempt in flight holds the delivery until then (a worker that died lets go when it lapses). */
  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
