import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'connect_sessions' })
export class ConnectSessionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('text', { name: 'token_hash', unique: true })
  tokenHash: string;

  @Column('text', { name: 'end_user_id' })
  endUserId: string;

  @Column('text', { name: 'end_user_email', nullable: true })
  endUserEmail: string | null;

  @Column('text', { name: 'end_user_display_name', nullable: true })
  endUserDisplayName: string | null;

  @Column('text', { name: 'return_url', nullable: true })
  returnUrl: string | null;

  /** Hash of the binding cookie of the first browser that opened the catalog; null until then. */
  @Column('text', { name: 'browser_binding_hash', nullable: true })
  browserBindingHash: string | null;

  @Column('integer', { name: 'attempts_started', default: 0 })
  attemptsStarted: number;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
