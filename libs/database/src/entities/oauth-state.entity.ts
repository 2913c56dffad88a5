import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One authorization request in flight: single use, 10 minutes, bound to session, customer, connector and tenant. */
@Entity({ name: 'oauth_states' })
export class OAuthStateEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'state_hash', unique: true })
  stateHash: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('uuid', { name: 'connector_id' })
  connectorId: string;

  @Column('uuid', { name: 'connect_session_id' })
  connectSessionId: string;

  @Column('uuid', { name: 'attempt_id' })
  attemptId: string;

  @Column('text', { name: 'expected_tenant' })
  expectedTenant: string;

  @Column('text', { name: 'client_id' })
  clientId: string;

  @Column('text', { name: 'redirect_uri' })
  redirectUri: string;

  @Column('text', { name: 'requested_scopes', array: true })
  requestedScopes: string[];

  @Column('text', { name: 'code_verifier_encrypted' })
  codeVerifierEncrypted: string;

  @Column('text', { name: 'session_token_encrypted' })
  sessionTokenEncrypted: string;

  @Column('text')
  nonce: string;

  @Column('text', { name: 'browser_binding_hash' })
  browserBindingHash: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
