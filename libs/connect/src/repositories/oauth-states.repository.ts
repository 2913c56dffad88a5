import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OAuthStateEntity, TenantRepository } from '@app/database';

/** Authorization requests in flight. */
@Injectable()
export class OAuthStatesRepository extends TenantRepository<OAuthStateEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, OAuthStateEntity);
  }

  /** Not tenant-scoped: the callback's state is what tells whose flow it is (its hash is unique). */
  findByStateHash(stateHash: string): Promise<OAuthStateEntity | null> {
    return this.repo().findOneBy({ stateHash });
  }

  /** Marks the state used; false when it already was (a replayed callback). */
  async consume(customerId: string, stateId: string): Promise<boolean> {
    const consumed = await this.db
      .createQueryBuilder()
      .update(OAuthStateEntity)
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND customer_id = :customerId AND used_at IS NULL', { id: stateId, customerId })
      .execute();
    return Boolean(consumed.affected);
  }
}
