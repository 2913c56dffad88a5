import type { DataSource } from 'typeorm';
import { SubscriptionDirectory } from './subscription-directory';

const SUB = '7f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const ROW = { id: SUB, customer_id: 'k1', connection_id: 'c1', end_user_id: 'u1', resource: 'me/messages', client_state_hash: Buffer.alloc(32) };

/** A directory over a table that holds `rows` (changed by the test), counting its reads. */
function setup() {
  const rows: Array<typeof ROW> = [];
  let reads = 0;
  const db = {
    query: async (_sql: string, [ids]: [string[]]) => {
      reads += 1;
      return rows.filter((r) => ids.includes(r.id));
    },
  } as unknown as DataSource;
  return { directory: new SubscriptionDirectory(db), rows, reads: () => reads };
}

describe('SubscriptionDirectory', () => {
  const NOW = 1_000_000;

  it('knows a subscription whose row was committed just after a first, unknown, notification', async () => {
    const { directory, rows } = setup();
    expect((await directory.lookup([SUB], NOW)).get(SUB)).toBeNull();
    rows.push(ROW);
    expect((await directory.lookup([SUB], NOW + 2_000)).get(SUB)).toMatchObject({ connectionId: 'c1', folder: 'all', graphSubscriptionId: SUB });
  });

  it('keeps known subscriptions and, briefly, unknown ids without reading again', async () => {
    const { directory, rows, reads } = setup();
    rows.push(ROW);
    await directory.lookup([SUB, 'unknown'], NOW);
    await directory.lookup([SUB, 'unknown'], NOW + 500);
    expect(reads()).toBe(1);
    await directory.lookup([SUB], NOW + 10_000);
    expect(reads()).toBe(1);
  });

  it('matches an id spelt in another case', async () => {
    const { directory, rows } = setup();
    rows.push(ROW);
    expect((await directory.lookup([SUB.toUpperCase()], NOW)).get(SUB.toUpperCase())).toMatchObject({ graphSubscriptionId: SUB });
  });
});
