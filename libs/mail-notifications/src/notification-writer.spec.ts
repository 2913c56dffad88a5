import { NotificationRow, NotificationWriter, WriterPool } from './notification-writer';

const row = (key: string): NotificationRow => ({ key, customerId: 'c', connectionId: 'k', type: 'mail.message.created', data: '{}' });

/** A pool that records each statement's keys and answers, after a tick, those not seen before as fresh. */
function fakePool() {
  const seen = new Set<string>();
  const statements: string[][] = [];
  const pool: WriterPool = {
    async query(_text, values) {
      const keys = (values[0] as Buffer[]).map((b) => b.toString('hex'));
      statements.push(keys);
      await new Promise((r) => setTimeout(r, 5));
      const fresh = keys.filter((k) => !seen.has(k));
      fresh.forEach((k) => seen.add(k));
      return { rows: fresh.map((k) => ({ key: Buffer.from(k, 'hex') })) };
    },
  };
  return { pool, statements };
}

describe('NotificationWriter', () => {
  it('writes at once at low load, and groups requests that arrive while statements are in flight', async () => {
    const { pool, statements } = fakePool();
    const writer = new NotificationWriter(() => pool);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => writer.write([row(`a${i.toString(16).padStart(3, '0')}`)])));
    expect(results).toEqual(Array(12).fill(1));
    // Four statements start at once; the other eight requests share the next ones.
    expect(statements.length).toBeLessThan(12);
    expect(statements.flat().sort()).toHaveLength(12);
  });

  it('counts a key once across requests of one statement and as a duplicate later', async () => {
    const { pool } = fakePool();
    const writer = new NotificationWriter(() => pool);
    const busy = Array.from({ length: 4 }, (_, i) => writer.write([row(`b${i}`)]));
    const [first, second] = await Promise.all([writer.write([row('cc'), row('dd')]), writer.write([row('cc')]), ...busy]);
    expect([first, second]).toEqual([2, 0]);
    expect(await writer.write([row('dd')])).toBe(0);
  });

  it('rejects every request of a statement that fails', async () => {
    const writer = new NotificationWriter(() => ({ query: () => Promise.reject(new Error('postgres down')) }));
    await expect(writer.write([row('ee')])).rejects.toThrow('postgres down');
  });
});
