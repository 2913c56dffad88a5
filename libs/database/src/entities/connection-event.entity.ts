import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The status history of a connection: connected, refreshed after failures, needs re-auth... */
@Entity({ name: 'connection_events' })
export class ConnectionEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'customer_id' })
  customerId: string;

  @Column('uuid', { name: 'connection_id' })
  connectionId: string;

  @Column('text')
  status: string;

  @Column('text', { nullable: true })
  code: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
