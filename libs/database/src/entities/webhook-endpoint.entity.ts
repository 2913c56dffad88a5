import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('text')
  url: string;

  /** The event types it receives. */
  @Column('text', { array: true })
  events: string[];

  @Column('text', { nullable: true })
  description: string | null;

  @Column('boolean', { default: true })
  enabled: boolean;

  /** Why it was disabled: `disabled_by_customer`, `gone` (410), `failing` (every attempt failed for days). */
  @Column('text', { name: 'disabled_code', nullable: true })
  disabledCode: string | null;

  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason: string | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  /** `whsec_...`, sealed (AAD: customer, endpoint, "webhook_secret"). */
  @Column('text', { name: 'secret_encrypted' })
  secretEncrypted: string;

  /** The secret before the last rotation: it also signs until `previousSecretExpiresAt`. */
  @Column('text', { name: 'previous_secret_encrypted', nullable: true })
  previousSecretEncrypted: string | null;

  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** The first failed attempt since the last success (null while healthy). */
  @Column('timestamptz', { name: 'failing_since', nullable: true })
  failingSince: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
