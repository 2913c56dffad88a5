import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A signed-in admin console session. The cookie holds the token; only its HMAC is stored. */
@Entity({ name: 'console_sessions' })
export class ConsoleSessionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'token_hash', unique: true })
  tokenHash: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
