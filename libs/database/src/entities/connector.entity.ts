import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CustomerEntity } from './customer.entity';

export type AppMode = 'private' | 'default';
export type ClientType = 'confidential' | 'public';
/** inbox: the Inbox folder only; all: the whole mailbox. */
export type MailFolderSetting = 'inbox' | 'all';
export type MailChangeType = 'created' | 'updated' | 'deleted';

@Entity({ name: 'connectors' })
export class ConnectorEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: CustomerEntity;

  /** Which integration; only "outlook-email" today. */
  @Column('text')
  kind: string;

  @Column('text', { name: 'app_mode' })
  appMode: AppMode;

  @Column('text', { name: 'client_id', nullable: true })
  clientId: string | null;

  @Column('text', { name: 'client_type' })
  clientType: ClientType;

  /** AES-256-GCM, bound to this row (see SecretBox). Never serialised. */
  @Column('text', { name: 'client_secret_encrypted', nullable: true })
  clientSecretEncrypted: string | null;

  @Column('text', { name: 'client_secret_hint', nullable: true })
  clientSecretHint: string | null;

  @Column('timestamptz', { name: 'client_secret_updated_at', nullable: true })
  clientSecretUpdatedAt: Date | null;

  @Column('timestamptz', { name: 'client_secret_expires_at', nullable: true })
  clientSecretExpiresAt: Date | null;

  @Column('text')
  tenant: string;

  @Column('text', { array: true })
  scopes: string[];

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text', { name: 'logo_url', nullable: true })
  logoUrl: string | null;

  @Column('boolean')
  enabled: boolean;

  /** Whether one end user may connect several Microsoft accounts; otherwise a new account replaces the old. */
  @Column('boolean', { name: 'multiple_accounts', default: false })
  multipleAccounts: boolean;

  /** Set when Microsoft refused the app itself (wrong/expired secret, unknown client); refreshes wait until fixed. */
  @Column('timestamptz', { name: 'misconfigured_at', nullable: true })
  misconfiguredAt: Date | null;

  @Column('text', { name: 'misconfigured_code', nullable: true })
  misconfiguredCode: string | null;

  @Column('text', { name: 'misconfigured_reason', nullable: true })
  misconfiguredReason: string | null;

  /** The connection whose refresh flagged the connector; saving the connector re-checks with it. */
  @Column('uuid', { name: 'misconfigured_connection_id', nullable: true })
  misconfiguredConnectionId: string | null;

  /** The smallest `connector.secret_expiring` threshold (30, 7, 1 days) already told for `secretExpiryNotifiedFor`. */
  @Column('integer', { name: 'secret_expiry_notified_days', nullable: true })
  secretExpiryNotifiedDays: number | null;

  /** The clientSecretExpiresAt those notices were for: a new expiry date starts the notices again. */
  @Column('timestamptz', { name: 'secret_expiry_notified_for', nullable: true })
  secretExpiryNotifiedFor: Date | null;

  /** Graph change notifications for the connections' mailboxes (subscriptions kept alive by the worker). */
  @Column('boolean', { name: 'mail_notifications_enabled', default: false })
  mailNotificationsEnabled: boolean;

  @Column('text', { name: 'mail_notifications_folder', default: 'inbox' })
  mailNotificationsFolder: MailFolderSetting;

  @Column('text', { name: 'mail_notifications_change_types', array: true, default: () => "'{created}'" })
  mailNotificationsChangeTypes: MailChangeType[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
