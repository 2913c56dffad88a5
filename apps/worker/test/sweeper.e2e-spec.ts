import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { QUEUES, refreshJobId } from '@app/common';
import { RefreshSweeper } from '@app/tokens';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { ConnectFixture, connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { TEST_REDIS_URL } from '../../../test/test-env';

const PREFIX = 'sweep-test';

/**
 * The sweep is incremental: each connection goes to Redis about once, not once per sweep within the horizon. A full
 * sweep every REFRESH_FULL_SWEEP_SECONDS, or when Redis lost the mark, catches schedules moved into swept windows.
 */
describe('Refresh sweeper (e2e)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let f: ConnectFixture;
  let sweeper: RefreshSweeper;
  const redis = new Redis(TEST_REDIS_URL);
  const queueConnection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.refresh, { connection: queueConnection, prefix: PREFIX });
  const T0 = Date.now();

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({
      MICROSOFT_LOGIN_URL: emulator.url,
      MICROSOFT_GRAPH_URL: emulator.url,
      QUEUE_PREFIX: PREFIX,
      REFRESH_SWEEP_HORIZON_SECONDS: '120',
      REFRESH_FULL_SWEEP_SECONDS: '60',
    });
    f = await setupConnector(t, emulator);
    sweeper = t.app.get(RefreshSweeper);
    await queue.obliterate({ force: true });
    await redis.del(`${PREFIX}:refresh:swept`);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    queueConnection.disconnect(); // a connection passed in is not closed by BullMQ
    redis.disconnect();
    await t?.close();
    await emulator?.close();
  });

  async function connection(dueInSeconds: number): Promise<{ id: string; due: Date }> {
    const endUserId = `sw-${Math.random().toString(36).slice(2, 8)}`;
    await connectEndToEnd(t, f, 'work', endUserId);
    const id = (await t.http().get(`/v1/connections?endUserId=${endUserId}`).set(f.auth)).body.data[0].id;
    return { id, due: await reschedule(id, dueInSeconds) };
  }
  /** A schedule edited in the database as if long ago: no recent write for the incremental sweep to notice. */
  async function reschedule(id: string, dueInSeconds: number): Promise<Date> {
    const due = new Date(T0 + dueInSeconds * 1000);
    await t.db.query(`UPDATE connections SET next_refresh_at = $2, updated_at = now() - interval '1 hour' WHERE id = $1`, [id, due]);
    return due;
  }
  const queued = async (c: { id: string; due: Date }) => (await queue.getJob(refreshJobId(c.id, c.due))) !== undefined;
  const drop = async (c: { id: string; due: Date }) => (await queue.getJob(refreshJobId(c.id, c.due)))!.remove();

  it('adds each due connection once, catches moved schedules at the next full sweep, and starts over after a flush', async () => {
    const soon = await connection(10);
    const later = await connection(100);
    const beyond = await connection(150);

    // First sweep (no mark): full. Due within 120 s: soon and later; beyond is not in Redis yet.
    await sweeper.sweep(T0);
    expect([await queued(soon), await queued(later), await queued(beyond)]).toEqual([true, true, false]);

    // Incremental: what is already swept is not added again (a dropped job stays dropped until a full sweep)...
    await drop(soon);
    await sweeper.sweep(T0 + 5_000);
    expect(await queued(soon)).toBe(false);
    // ...and the horizon moving on brings in what became due since.
    await sweeper.sweep(T0 + 40_000);
    expect(await queued(beyond)).toBe(true);

    // A schedule moved into a window already swept is missed by incremental sweeps...
    await drop(beyond);
    const moved = { id: beyond.id, due: await reschedule(beyond.id, 20) };
    await sweeper.sweep(T0 + 45_000);
    expect(await queued(moved)).toBe(false);
    // ...and caught by the full sweep, REFRESH_FULL_SWEEP_SECONDS after the previous one, with the dropped job.
    await sweeper.sweep(T0 + 61_000);
    expect([await queued(moved), await queued(soon)]).toEqual([true, true]);

    // Redis flushed (the mark goes with the jobs): the next sweep is full again.
    await queue.obliterate({ force: true });
    await redis.del(`${PREFIX}:refresh:swept`);
    await sweeper.sweep(T0 + 62_000);
    expect([await queued(soon), await queued(later), await queued(moved)]).toEqual([true, true, true]);
  });

  it('a reconnect that moves the schedule into a window already swept is enqueued by the next incremental sweep', async () => {
    const endUserId = `sw-${Math.random().toString(36).slice(2, 8)}`;
    await connectEndToEnd(t, f, 'work', endUserId);
    const id = (await t.http().get(`/v1/connections?endUserId=${endUserId}`).set(f.auth)).body.data[0].id;
    await reschedule(id, 100_000); // due far beyond any horizon below
    // Swept (a sweep clock well ahead) up to a mark past when a reconnected token will be due.
    const ahead = T0 + 3 * 3600_000;
    await redis.del(`${PREFIX}:refresh:swept`);
    await sweeper.sweep(ahead);
    // The end user reconnects: a new token, due in about an hour, before the mark.
    await connectEndToEnd(t, f, 'work', endUserId);
    const [row] = await t.db.query('SELECT next_refresh_at FROM connections WHERE id = $1', [id]);
    const reconnected = { id, due: new Date(row.next_refresh_at) };
    expect(reconnected.due.getTime()).toBeLessThan(ahead + 120_000);
    expect(await queued(reconnected)).toBe(false);
    await sweeper.sweep(ahead + 5_000); // incremental (the full sweep is 60 s apart)
    expect(await queued(reconnected)).toBe(true);
  });
});
