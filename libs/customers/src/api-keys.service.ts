import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, TokenHasher } from '@app/common';
import { ApiKeyEntity } from '@app/database';
import type { CreateApiKeyInput } from './api-key.input';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeysRepository } from './api-keys.repository';
import { CustomerContext } from './customer-context';
import { CustomersRepository } from './customers.repository';

const API_KEY_PREFIX = 'lk_sk_';
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
    private readonly keys: ApiKeysRepository,
    private readonly customers: CustomersRepository,
    private readonly hasher: TokenHasher,
    private readonly cache: ApiKeyCache,
  ) {}

  async create(customerId: string, input: CreateApiKeyInput, em: EntityManager = this.db.manager): Promise<CreatedApiKey> {
    const secret = TokenHasher.generate(API_KEY_PREFIX, 32);
    const id = randomUUID();
    await this.keys.insert(
      customerId,
      {
        id,
        name: input.name ?? null,
        prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
        keyHash: this.hasher.hash(secret),
        lastUsedAt: null,
        revokedAt: null,
      },
      em,
    );
    return { entity: await this.keys.getById(customerId, id, em), secret };
  }

  list(customerId: string): Promise<ApiKeyEntity[]> {
    return this.keys.list(customerId);
  }

  /** Revokes at once. Refuses to revoke the last active key: a customer would lock itself out. */
  async revoke(customerId: string, keyId: string): Promise<ApiKeyEntity> {
    const revoked = await this.db.transaction(async (em) => {
      // Revocations of one customer run one at a time, so two of them cannot both see "another key is still active".
      await this.customers.lock(customerId, em);
      const key = await this.keys.lockById(customerId, keyId, em);
      if (!key) throw DomainError.notFound('API key');
      if (key.revokedAt) return key;
      if ((await this.keys.countActive(customerId, em)) <= 1) {
        throw new DomainError('LAST_ACTIVE_KEY', 'This is the only active API key. Create a new key first, then revoke this one.');
      }
      key.revokedAt = new Date();
      await this.keys.update(customerId, { id: key.id }, { revokedAt: key.revokedAt }, em);
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
    const key = await this.keys.findActiveByKeyHash(keyHash);
    if (!key) return null;
    if (!key.lastUsedAt || Date.now() - new Date(key.lastUsedAt).getTime() > LAST_USED_RESOLUTION_MS) {
      this.keys.touchLastUsed(key.customer.id, key.keyId).catch((err: unknown) => this.logger.warn({ err, apiKeyId: key.keyId }, 'Could not record API key use'));
    }
    const customer: CustomerContext = { ...key.customer, apiKeyId: key.keyId, memberId: null };
    this.cache.set(keyHash, customer, generation);
    return customer;
  }
}
