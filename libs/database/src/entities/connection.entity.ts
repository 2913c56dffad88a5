import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type ConnectionStatus = 'active' | 'needs_reauth' | 'error';

@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('uuid', { name: 'connector_id' })
  connectorId: string;

  @Column('text', { name: 'end_user_id' })
  endUserId: string;

  @Column('text', { name: 'end_user_email', nullable: true })
  endUserEmail: string | null;

  @Column('text', { name: 'end_user_display_name', nullable: true })
  endUserDisplayName: string | null;

  /** Microsoft tenant (tid) and object id (oid): the stable key of the account. */
  @Column('text', { name: 'ms_tenant_id' })
  msTenantId: string;

  @Column('text', { name: 'ms_object_id' })
  msObjectId: string;

  @Column('text', { name: 'ms_label', nullable: true })
  msLabel: string | null;

  @Column('text', { name: 'ms_display_name', nullable: true })
  msDisplayName: string | null;

  @Column('text', { name: 'client_id' })
  clientId: string;

  @Column('text', { array: true })
  scopes: string[];

  @Column('text', { name: 'access_token_encrypted', nullable: true })
  accessTokenEncrypted: string | null;

  @Column('text', { name: 'refresh_token_encrypted', nullable: true })
  refreshTokenEncrypted: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('text')
  status: ConnectionStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column('text', { name: 'status_code', nullable: true })
  statusCode: string | null;

  /** Bumped by every token write; writers compare-and-swap on it. */
  @Column('integer')
  version: number;

  @Column('timestamptz', { name: 'last_refreshed_at', nullable: true })
  lastRefreshedAt: Date | null;

  @Column('timestamptz', { name: 'last_read_at', nullable: true })
  lastReadAt: Date | null;

  @Column('timestamptz', { name: 'connected_at' })
  connectedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
