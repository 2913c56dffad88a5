import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { loadConfig } from '@app/config';
import { WORKER_HEARTBEAT_KEY } from '@app/common';
import { TEST_ENV, TEST_REDIS_URL } from '../../../test/test-env';
import { WorkerModule } from '../src/worker.module';

describe('Worker (e2e)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  afterAll(() => redis.quit());

  it('connects to Redis, processes its heartbeat job and shuts down cleanly', async () => {
    await redis.del(WORKER_HEARTBEAT_KEY);
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(TEST_ENV)), { logger: false });
    await app.init();
    const first = await redis.get(WORKER_HEARTBEAT_KEY);
    expect(first).not.toBeNull();
    // The scheduler's first job runs through BullMQ and refreshes the heartbeat.
    await redis.del(WORKER_HEARTBEAT_KEY);
    const deadline = Date.now() + 20_000;
    let viaQueue: string | null = null;
    while (!viaQueue && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      viaQueue = await redis.get(WORKER_HEARTBEAT_KEY);
    }
    expect(viaQueue).not.toBeNull();
    const schedulers = await redis.keys('latchkey-test:system:repeat*');
    expect(schedulers.length).toBeGreaterThan(0);
    await app.close();
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
