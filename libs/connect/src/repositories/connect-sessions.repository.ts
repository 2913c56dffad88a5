import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConnectSessionEntity, TenantRepository } from '@app/database';

@Injectable()
export class ConnectSessionsRepository extends TenantRepository<ConnectSessionEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, ConnectSessionEntity);
  }

  /** Not tenant-scoped: the catalog token is what tells whose session it is (its hash is unique). */
  findByTokenHash(tokenHash: string): Promise<ConnectSessionEntity | null> {
    return this.repo().findOneBy({ tokenHash });
  }

  findById(customerId: string, sessionId: string): Promise<ConnectSessionEntity | null> {
    return this.findOne(customerId, { id: sessionId });
  }

  /** Binds the session to a browser if no browser has it yet: one atomic claim, so only one of two racing browsers wins. */
  async claimBrowser(customerId: string, sessionId: string, bindingHash: string): Promise<boolean> {
    const claimed = await this.db
      .createQueryBuilder()
      .update(ConnectSessionEntity)
      .set({ browserBindingHash: bindingHash })
      .where('id = :id AND customer_id = :customerId AND browser_binding_hash IS NULL', { id: sessionId, customerId })
      .execute();
    return Boolean(claimed.affected);
  }

  /** Counts one more connect attempt unless `max` were started (atomic: parallel clicks cannot overshoot). */
  async countAttempt(customerId: string, sessionId: string, max: number): Promise<boolean> {
    const counted = await this.db
      .createQueryBuilder()
      .update(ConnectSessionEntity)
      .set({ attemptsStarted: () => 'attempts_started + 1' })
      .where('id = :id AND customer_id = :customerId AND attempts_started < :max', { id: sessionId, customerId, max })
      .execute();
    return Boolean(counted.affected);
  }
}
