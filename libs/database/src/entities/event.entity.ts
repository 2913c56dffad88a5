import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The customer's events log and the webhook outbox in one row: written in the transaction of the change it reports;
 * `relayedAt` is set once the relay has created its deliveries. Shown as `evt_` + the id without dashes.
 */
@Entity({ name: 'events' })
export class EventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('text')
  type: string;

  /** The connection the event is about (no foreign key: the event outlives a deleted connection). */
  @Column('uuid', { name: 'connection_id', nullable: true })
  connectionId: string | null;

  @Column('jsonb')
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'relayed_at', nullable: true })
  relayedAt: Date | null;
}
