import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VirtualColumn } from 'typeorm';

/** tenant_blocked: the end user's organisation refuses the app (disabled, not provisioned, tenant gone); that connection alone. */
export type ConnectionStatus = 'active' | 'needs_reauth' | 'tenant_blocked' | 'error';

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

  /** The connector's scopes Microsoft did not grant at the last connect or refresh (why Graph may answer 403). */
  @Column('text', { name: 'missing_scopes', array: true, default: () => "'{}'" })
  missingScopes: string[];

  /** Scopes and tenant path of the authorization request; the refresh grant uses the same. */
  @Column('text', { name: 'requested_scopes', array: true, nullable: true })
  requestedScopes: string[] | null;

  @Column('text', { name: 'authority_tenant', nullable: true })
  authorityTenant: string | null;

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

  /** When the worker should refresh: expires_at minus the lead time, minus jitter; null when not scheduled. */
  @Column('timestamptz', { name: 'next_refresh_at', nullable: true })
  nextRefreshAt: Date | null;

  /** Consecutive transient refresh failures (for backoff); 0 after a success. */
  @Column('integer', { name: 'refresh_failures', default: 0 })
  refreshFailures: number;

  @Column('text', { name: 'last_refresh_error', nullable: true })
  lastRefreshError: string | null;

  /** Token reads live in connection_reads (a narrow row, cheap to update on every flush): read-only here. */
  @VirtualColumn({ type: 'bigint', query: (alias) => `SELECT r.read_count FROM connection_reads r WHERE r.connection_id = ${alias}.id` })
  readCount: string | null;

  @VirtualColumn({ type: 'timestamptz', query: (alias) => `SELECT r.last_read_at FROM connection_reads r WHERE r.connection_id = ${alias}.id` })
  lastReadAt: Date | null;

  @Column('timestamptz', { name: 'connected_at' })
  connectedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
