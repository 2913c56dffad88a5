import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@app/config';
import { TEST_ENV } from '../../../test/test-env';
import { ConnectionSemaphore, SlotRelease } from '../src/connection-semaphore';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Redis semaphore alone, with a short lease, against the test Redis. */
describe('ConnectionSemaphore (e2e, Redis)', () => {
  let redis: Redis;
  let semaphore: ConnectionSemaphore;
  const leaseSeconds = 0.3;

  beforeAll(async () => {
    redis = new Redis(TEST_ENV.REDIS_URL);
    await new Promise((resolve) => redis.once('ready', resolve));
    semaphore = new ConnectionSemaphore(redis, { queuePrefix: TEST_ENV.QUEUE_PREFIX, graphProxy: { concurrency: 4, leaseSeconds } } as AppConfig);
  });
  afterAll(() => redis.disconnect());

  it('keeps renewed slots held past four leases with no other call in between (the keys do not lapse under them)', async () => {
    const customerId = randomUUID();
    const connectionId = randomUUID();
    const held: SlotRelease[] = [];
    for (let i = 0; i < 4; i++) held.push((await semaphore.acquire(customerId, connectionId, Date.now() + 1000))!);
    expect(held.every(Boolean)).toBe(true);
    // Calls that run longer than 4 leases (a slow 50 MB download), renewed all along, and nobody else asking meanwhile.
    await sleep(leaseSeconds * 1000 * 6);
    const fifth = await semaphore.acquire(customerId, connectionId, Date.now() + 200);
    expect(fifth).toBeNull();
    held.forEach((release) => release());
    await sleep(50);
    const after = await semaphore.acquire(customerId, connectionId, Date.now() + 1000);
    expect(after).not.toBeNull();
    after!();
  });
});
