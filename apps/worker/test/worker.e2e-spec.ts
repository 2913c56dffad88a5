import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { loadConfig } from '@app/config';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { JOBS, QUEUES, redisKeys } from '@app/common';
import { TEST_DATABASE_URL, TEST_ENV, TEST_REDIS_URL } from '../../../test/test-env';
import { WorkerModule } from '../src/worker.module';

const HEARTBEAT = redisKeys(TEST_ENV.QUEUE_PREFIX).workerHeartbeat;

describe('Worker (e2e)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  afterAll(() => redis.quit());

  it('connects to Redis, processes its heartbeat job and shuts down cleanly', async () => {
    await redis.del(HEARTBEAT);
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(TEST_ENV)), { logger: false });
    await app.init();
    const first = await redis.get(HEARTBEAT);
    expect(first).not.toBeNull();
    // The scheduler's first job runs through BullMQ and refreshes the heartbeat.
    await redis.del(HEARTBEAT);
    const deadline = Date.now() + 20_000;
    let viaQueue: string | null = null;
    while (!viaQueue && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      viaQueue = await redis.get(HEARTBEAT);
    }
    expect(viaQueue).not.toBeNull();
    const schedulers = await redis.keys('latchkey-test:system:repeat*');
    expect(schedulers.length).toBeGreaterThan(0);
    await app.close();
  });

  it('runs housekeeping through its job scheduler: an attempt pending for over an hour becomes abandoned', async () => {
    const db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    try {
      const customerId = randomUUID();
      const attemptId = randomUUID();
      await db.query(`INSERT INTO customers (id, name, slug) VALUES ($1, 'Housekeeping', $2)`, [customerId, `hk-${customerId.slice(0, 8)}`]);
      await db.query(`INSERT INTO connect_attempts (id, customer_id, end_user_id, status, created_at) VALUES ($1, $2, 'u', 'pending', now() - interval '2 hours')`, [attemptId, customerId]);
      const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(TEST_ENV)), { logger: false });
      await app.init();
      try {
        const deadline = Date.now() + 20_000;
        let status = 'pending';
        while (status === 'pending' && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
          status = (await db.query(`SELECT status FROM connect_attempts WHERE id = $1`, [attemptId])).rows[0].status;
        }
        expect(status).toBe('abandoned');
        const connection = redis.duplicate();
        const queue = new Queue(QUEUES.system, { connection, prefix: TEST_ENV.QUEUE_PREFIX });
        expect(await queue.getJobScheduler(JOBS.housekeeping)).toBeTruthy();
        await queue.close();
        connection.disconnect();
      } finally {
        await app.close();
      }
    } finally {
      await db.end();
    }
  });

  it('stops at boot with a message that names a bad variable', async () => {
    const { loadConfigOrExit } = await import('@app/config');
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exit');
    }) as never);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => loadConfigOrExit({ ...TEST_ENV, REDIS_URL: 'not-a-url', PORT: '-1' })).toThrow('exit');
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0][0]).toMatch(/REDIS_URL[\s\S]*PORT|PORT[\s\S]*REDIS_URL/);
    exit.mockRestore();
    error.mockRestore();
  });
});
