import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ConnectAttemptStatus = 'pending' | 'connected' | 'failed' | 'declined' | 'abandoned';

/** Every connect attempt, for the customer to debug its setup. Never holds a token. */
@Entity({ name: 'connect_attempts' })
export class ConnectAttemptEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('uuid', { name: 'connector_id', nullable: true })
  connectorId: string | null;

  @Column('uuid', { name: 'connect_session_id', nullable: true })
  connectSessionId: string | null;

  @Column('text', { name: 'end_user_id' })
  endUserId: string;

  @Column('text')
  status: ConnectAttemptStatus;

  /** The OAuth error (access_denied, invalid_client...) or a Latchkey code for failures of its own checks. */
  @Column('text', { nullable: true })
  error: string | null;

  /** e.g. AADSTS7000215 */
  @Column('text', { name: 'error_code', nullable: true })
  errorCode: string | null;

  @Column('text', { nullable: true })
  explanation: string | null;

  @Column('uuid', { name: 'connection_id', nullable: true })
  connectionId: string | null;

  @Column('text', { name: 'account_label', nullable: true })
  accountLabel: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;
}
