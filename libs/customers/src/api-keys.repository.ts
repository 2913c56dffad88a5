import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DomainError } from '@app/common';
import { ApiKeyEntity, TenantRepository } from '@app/database';

/** An active key with its customer, as authentication reads it in one indexed query. */
export interface ActiveApiKey {
  keyId: string;
  lastUsedAt: Date | null;
  customer: { id: string; slug: string; name: string };
}

@Injectable()
export class ApiKeysRepository extends TenantRepository<ApiKeyEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, ApiKeyEntity);
  }

  /** The key, or a NOT_FOUND domain error. */
  async getById(customerId: string, keyId: string, em?: EntityManager): Promise<ApiKeyEntity> {
    const key = await this.findOne(customerId, { id: keyId }, em);
    if (!key) throw DomainError.notFound('API key');
    return key;
  }

  /** Newest first. */
  list(customerId: string): Promise<ApiKeyEntity[]> {
    return this.find(customerId, {}, { order: { createdAt: 'DESC' } });
  }

  /** The key, locked until the transaction ends. */
  lockById(customerId: string, keyId: string, em: EntityManager): Promise<ApiKeyEntity | null> {
    return this.select(customerId, 'k', em).setLock('pessimistic_write').andWhere('k.id = :keyId', { keyId }).getOne();
  }

  countActive(customerId: string, em?: EntityManager): Promise<number> {
    return this.count(customerId, { revokedAt: IsNull() }, em);
  }

  /**
   * Not tenant-scoped: the presented key is what tells whose request it is. Raw SQL, because this is the token
   * endpoint's hot path when the cache misses.
   */
  async findActiveByKeyHash(keyHash: string): Promise<ActiveApiKey | null> {
    const rows: Array<{ key_id: string; last_used_at: Date | null; id: string; slug: string; name: string }> = await this.db.query(
      `SELECT k.id AS key_id, k.last_used_at, c.id, c.slug, c.name
         FROM api_keys k JOIN customers c ON c.id = k.customer_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
    const row = rows[0];
    return row ? { keyId: row.key_id, lastUsedAt: row.last_used_at, customer: { id: row.id, slug: row.slug, name: row.name } } : null;
  }

  async touchLastUsed(customerId: string, keyId: string): Promise<void> {
    await this.db.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND customer_id = $2`, [keyId, customerId]);
  }
}
