import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DomainError, TokenHasher } from '@app/common';
import { ApiKeyEntity } from '@app/database';
import { ApiKeyCache } from './api-key-cache';
import { CustomerContext } from './customer-context';

export const API_KEY_PREFIX = 'lk_sk_';
/** How many characters of a key are kept in clear to tell keys apart ("lk_sk_" plus 6). */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
/** last_used_at is written at most this often per key, so authentication stays a single read. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedApiKey {
  entity: ApiKeyEntity;
  /** The whole secret key. Shown once, never stored. */
  secret: string;
}

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: TokenHasher,
    private readonly cache: ApiKeyCache,
  ) {}

  async create(customerId: string, input: { name?: string | null }, em: EntityManager = this.db.manager): Promise<CreatedApiKey> {
    const secret = TokenHasher.generate(API_KEY_PREFIX, 32);
    const entity = em.create(ApiKeyEntity, {
      id: randomUUID(),
      customerId,
      name: input.name ?? null,
      prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
      keyHash: this.hasher.hash(secret),
      lastUsedAt: null,
      revokedAt: null,
    });
    await em.insert(ApiKeyEntity, entity);
    const saved = await em.findOneByOrFail(ApiKeyEntity, { id: entity.id });
    return { entity: saved, secret };
  }

  list(customerId: string): Promise<ApiKeyEntity[]> {
    return this.db.getRepository(ApiKeyEntity).find({ where: { customerId }, order: { createdAt: 'DESC' } });
  }

  /** Revokes at once. Refuses to revoke the last active key: a customer would lock itself out. */
  async revoke(customerId: string, keyId: string): Promise<ApiKeyEntity> {
    const revoked = await this.db.transaction(async (em) => {
      // Revocations of one customer run one at a time, so two of them cannot both see "another key is still active".
      await em.query(`SELECT id FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
      const key = await em
        .getRepository(ApiKeyEntity)
        .createQueryBuilder('k')
        .setLock('pessimistic_write')
        .where('k.id = :keyId AND k.customer_id = :customerId', { keyId, customerId })
        .getOne();
      if (!key) throw DomainError.notFound('API key');
      if (key.revokedAt) return key;
      const active = await em.count(ApiKeyEntity, { where: { customerId, revokedAt: IsNull() } });
      if (active <= 1) {
        throw new DomainError('LAST_ACTIVE_KEY', 'This is the only active API key. Create a new key first, then revoke this one.');
      }
      key.revokedAt = new Date();
      await em.update(ApiKeyEntity, { id: key.id, customerId }, { revokedAt: key.revokedAt });
      return key;
    });
    // After the commit: every API instance forgets the key before this answer reaches the caller.
    if (revoked.revokedAt) await this.cache.revoked(revoked.keyHash);
    return revoked;
  }

  /**
   * Resolves a presented key to its customer, or null. One indexed read, then served from ApiKeyCache for up to 30 s;
   * revoked keys never match (the revocation evicts them everywhere through Redis).
   */
  async authenticate(secret: string): Promise<CustomerContext | null> {
    if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 128) return null;
    const keyHash = this.hasher.hash(secret);
    const cached = this.cache.get(keyHash);
    if (cached) return cached;
    // Taken before the read: a revocation that lands while we read must keep this answer out of the cache.
    const generation = this.cache.generation;
    const rows: Array<{ key_id: string; last_used_at: Date | null; id: string; slug: string; name: string }> =
      await this.db.query(
        `SELECT k.id AS key_id, k.last_used_at, c.id, c.slug, c.name
           FROM api_keys k JOIN customers c ON c.id = k.customer_id
          WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
        [keyHash],
      );
    const row = rows[0];
    if (!row) return null;
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
      this.db
        .query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.key_id])
        .catch((err: unknown) => this.logger.warn({ err, apiKeyId: row.key_id }, 'Could not record API key use'));
    }
    const customer: CustomerContext = { id: row.id, slug: row.slug, name: row.name, apiKeyId: row.key_id, memberId: null };
    this.cache.set(keyHash, customer, generation);
    return customer;
  }
}
