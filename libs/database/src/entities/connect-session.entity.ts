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

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
