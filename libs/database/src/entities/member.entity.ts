import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A person who signs in to the admin console for one platform customer. */
@Entity({ name: 'members' })
export class MemberEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  /** Lowercased; unique across customers. */
  @Column('text')
  email: string;

  /** scrypt, with its parameters (see PasswordHasher). Null until the invite is accepted. */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash: string | null;

  /** HMAC of the one-time invite token; cleared when the invite is accepted. */
  @Column('text', { name: 'invite_token_hash', nullable: true, unique: true })
  inviteTokenHash: string | null;

  @Column('timestamptz', { name: 'invite_expires_at', nullable: true })
  inviteExpiresAt: Date | null;

  @Column('integer', { name: 'failed_sign_ins', default: 0 })
  failedSignIns: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { name: 'last_sign_in_at', nullable: true })
  lastSignInAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
