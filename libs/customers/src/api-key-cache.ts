import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS, redisKeys } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CustomerContext } from './customer-context';

/** How long an authenticated key is trusted without reading Postgres again: the bound if a revocation message were lost. */
const API_KEY_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  customer: CustomerContext;
  until: number;
}

/**
 * Authenticated API keys kept in memory for a short time, so the token endpoint's hot path is one query (the
 * connection), not two. Revocations are broadcast over Redis pub/sub and evict the key on every API instance at once.
 * While the subscription is not live (Redis down or reconnecting) nothing is served from the cache: a revocation
 * could be missed, so every request reads Postgres.
 */
@Injectable()
export class ApiKeyCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyCache.name);
  private readonly entries = new Map<string, Entry>();
  private subscriber: Redis | null = null;
  private live = false;
  /** Bumped by every revocation heard here; an answer read before a bump is not cached (it may be the revoked key). */
  private revocations = 0;

  /** Under QUEUE_PREFIX: deployments sharing a Redis do not evict each other's keys. */
  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = redisKeys(config.queuePrefix).apiKeyRevokedChannel;
  }

  async onModuleInit(): Promise<void> {
    const sub = this.redis.duplicate({ maxRetriesPerRequest: null, lazyConnect: true, enableAutoPipelining: false });
    this.subscriber = sub;
    const down = () => {
      this.live = false;
      this.revocations += 1;
      this.entries.clear();
    };
    sub.on('close', down);
    sub.on('end', down);
    sub.on('reconnecting', down);
    sub.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'API key revocation channel error'));
    sub.on('message', (_channel: string, keyHash: string) => this.forget(keyHash));
    // ioredis re-subscribes on reconnect; "ready" comes after that, so the cache is trusted again only then.
    sub.on('ready', () => {
      this.entries.clear();
      this.live = true;
    });
    try {
      await sub.connect();
      await sub.subscribe(this.channel);
      this.live = sub.status === 'ready';
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'API key revocation channel unavailable; API keys are read from Postgres on every request');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.live = false;
    this.subscriber?.disconnect();
  }

  get(keyHash: string): CustomerContext | null {
    if (!this.live) return null;
    const entry = this.entries.get(keyHash);
    if (!entry) return null;
    if (entry.until < Date.now()) {
      this.entries.delete(keyHash);
      return null;
    }
    return entry.customer;
  }

  /** Read before looking a key up in Postgres, and handed back to set(). */
  get generation(): number {
    return this.revocations;
  }

  set(keyHash: string, customer: CustomerContext, generation: number): void {
    if (!this.live || generation !== this.revocations) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(keyHash, { customer, until: Date.now() + API_KEY_CACHE_TTL_MS });
  }

  /** Evicts here and, through Redis, on every other API instance. */
  async revoked(keyHash: string): Promise<void> {
    this.forget(keyHash);
    // If Redis is down, no instance's subscription is live, so none serves from its cache: nothing to tell them.
    await this.redis.publish(this.channel, keyHash).catch((err: Error) => this.logger.warn({ err: err.message }, 'Could not broadcast an API key revocation'));
  }

  private forget(keyHash: string): void {
    this.revocations += 1;
    this.entries.delete(keyHash);
  }
}
