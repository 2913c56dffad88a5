import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import { REDIS, redisKeys, RedisKeys } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * One attempt to take a slot, atomically. Leases lapse by themselves (a dead instance frees its slots after the lease),
 * waiters that stopped polling are dropped; a ticket keeps its place in line (its number) until it gets a slot or
 * gives up. A ticket gets a slot while its rank in line is below the free slots: first come, first served across
 * every API instance. Server time (TIME), so instances' clocks do not matter.
 * KEYS: held, queue, alive, seq. ARGV: ticket, limit, leaseMs, waiterTtlMs. Returns 1 (slot taken) or 0.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ticket, limit, lease, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local dead = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, d in ipairs(dead) do redis.call('ZREM', KEYS[2], d) end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if not redis.call('ZSCORE', KEYS[2], ticket) then redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), ticket) end
local free = limit - redis.call('ZCARD', KEYS[1])
local rank = redis.call('ZRANK', KEYS[2], ticket)
local keep = lease * 4
if rank < free then
  redis.call('ZREM', KEYS[2], ticket)
  redis.call('ZREM', KEYS[3], ticket)
  redis.call('ZADD', KEYS[1], now + lease, ticket)
  for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], keep) end
  return 1
end
redis.call('ZADD', KEYS[3], now + ttl, ticket)
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], keep) end
return 0`;

/**
 * Extends a held lease (only if it is still held), and the set of leases with it: ACQUIRE's expiry would otherwise drop
 * the whole set under calls that outlast four leases while nobody else asks, and a fifth call would find it empty.
 * KEYS: held. ARGV: ticket, leaseMs.
 */
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[2])
local changed = redis.call('ZADD', KEYS[1], 'XX', 'CH', now + lease, ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then redis.call('PEXPIRE', KEYS[1], lease * 4) end
return changed`;

/** Leaves: the slot (if held) and the line (if waiting). KEYS: held, queue, alive. ARGV: ticket. */
const LEAVE = `
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return redis.call('ZREM', KEYS[1], ARGV[1])`;

type WithScripts = Redis & {
  latchkeyGraphAcquire(held: string, queue: string, alive: string, seq: string, ticket: string, limit: number, leaseMs: number, ttlMs: number): Promise<number>;
  latchkeyGraphRenew(held: string, ticket: string, leaseMs: number): Promise<number>;
  latchkeyGraphLeave(held: string, queue: string, alive: string, ticket: string): Promise<number>;
};

/** Poll interval while waiting: short at first, then at most this (another instance's release is seen within it). */
const MAX_POLL_MS = 50;
/** A waiter that has not polled for this long has given up (its instance died): its place in line is dropped. */
const WAITER_TTL_MS = 2000;

type SlotKeys = ReturnType<RedisKeys['graphSlots']>;

/** A held slot: release it once the answer is done (idempotent). */
export type SlotRelease = () => void;

/**
 * At most N Graph calls in flight per connection across every API instance (Outlook allows 4 per app per mailbox): a
 * Redis semaphore with leases renewed while a call runs, the rest waiting in line (FIFO) up to their deadline. Waiters
 * in this process are woken by a local release at once; other instances' releases are seen by polling.
 */
@Injectable()
export class ConnectionSemaphore {
  private readonly logger = new Logger(ConnectionSemaphore.name);
  private readonly redis: WithScripts;
  private readonly keys: RedisKeys;
  private readonly released = new EventEmitter().setMaxListeners(0);

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (!('latchkeyGraphAcquire' in redis)) {
      redis.defineCommand('latchkeyGraphAcquire', { numberOfKeys: 4, lua: ACQUIRE });
      redis.defineCommand('latchkeyGraphRenew', { numberOfKeys: 1, lua: RENEW });
      redis.defineCommand('latchkeyGraphLeave', { numberOfKeys: 3, lua: LEAVE });
    }
    this.redis = redis as WithScripts;
    this.keys = redisKeys(config.queuePrefix);
  }

  /**
   * A slot for this connection, waiting in line until `deadline` (epoch ms) or until `signal` says the call no longer
   * needs one (it was refused, or its caller left); null when none came in time. With Redis
   * unreachable the call goes on without a slot (Graph's own 429s are still retried): the proxy degrades like the
   * token endpoint does, rather than failing every call.
   */
  async acquire(customerId: string, connectionId: string, deadline: number, signal?: AbortSignal): Promise<SlotRelease | null> {
    if (this.redis.status !== 'ready') return this.unguarded(connectionId, `Redis ${this.redis.status}`);
    try {
      return await this.inLine(this.keys.graphSlots(customerId, connectionId), connectionId, deadline, signal);
    } catch (error) {
      return this.unguarded(connectionId, (error as Error).message);
    }
  }

  private unguarded(connectionId: string, why: string): SlotRelease {
    this.logger.warn({ connectionId, error: why }, 'Graph call without a concurrency slot: Redis unavailable');
    return () => undefined;
  }

  /** `keys.held` also names the local release event: one per customer and connection, like the keys. */
  private async inLine(keys: SlotKeys, connectionId: string, deadline: number, signal?: AbortSignal): Promise<SlotRelease | null> {
    const { held, queue, alive, seq } = keys;
    const { concurrency, leaseSeconds } = this.config.graphProxy;
    const leaseMs = leaseSeconds * 1000;
    const ticket = randomUUID();
    let poll = 2;
    for (;;) {
      if ((await this.redis.latchkeyGraphAcquire(held, queue, alive, seq, ticket, concurrency, leaseMs, WAITER_TTL_MS)) === 1) return this.holding(keys, connectionId, ticket, leaseMs);
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) {
        await this.redis.latchkeyGraphLeave(held, queue, alive, ticket);
        return null;
      }
      await this.releasedOrAfter(held, Math.min(poll, left), signal);
      poll = Math.min(poll * 2, MAX_POLL_MS);
    }
  }

  private holding(keys: SlotKeys, connectionId: string, ticket: string, leaseMs: number): SlotRelease {
    const { held, queue, alive } = keys;
    const renew = setInterval(() => {
      this.redis.latchkeyGraphRenew(held, ticket, leaseMs).catch((error: Error) => this.logger.warn({ connectionId, error: error.message }, 'Graph slot lease not renewed'));
    }, leaseMs / 3);
    renew.unref();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      clearInterval(renew);
      // Best effort: a slot that is not released lapses with its lease.
      this.redis
        .latchkeyGraphLeave(held, queue, alive, ticket)
        .catch((error: Error) => this.logger.warn({ connectionId, error: error.message }, 'Graph slot not released; it lapses with its lease'))
        .finally(() => this.released.emit(held));
    };
  }

  private releasedOrAfter(event: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.released.off(event, wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.released.on(event, wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }
}
