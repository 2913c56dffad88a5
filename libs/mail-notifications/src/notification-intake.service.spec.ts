import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Metrics } from '@app/common';
import type { ClientStates } from './client-state';
import { NotificationIntake } from './notification-intake.service';
import type { WriterPool } from './notification-writer';
import type { KnownSubscription, SubscriptionDirectory } from './subscription-directory';

const SUB = '7f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const KNOWN: KnownSubscription = { graphSubscriptionId: SUB, customerId: 'k1', connectionId: 'c1', endUserId: 'u1', folder: 'inbox', clientStateHash: Buffer.alloc(32) };

/** The intake over a pool that takes every row as new, a directory that knows SUB, and a clientState check that passes. */
function setup() {
  const written: number[] = [];
  const pool: WriterPool = {
    async query(_text, values) {
      const keys = values[0] as Buffer[];
      written.push(keys.length);
      return { rows: keys.map((key) => ({ key })) };
    },
  };
  const db = { driver: { master: pool } } as unknown as DataSource;
  const directory = { lookup: async (ids: string[]) => new Map(ids.map((id) => [id, id === SUB ? KNOWN : null])) } as unknown as SubscriptionDirectory;
  const clientStates = { matches: (clientState: unknown) => clientState === 'secret' } as unknown as ClientStates;
  return { intake: new NotificationIntake(db, directory, clientStates, new Metrics(false)), written };
}

const item = (n: number) => ({ subscriptionId: SUB, changeType: 'created', resource: `Users/u/Messages/m${n}`, resourceData: { id: `m${n}` }, clientState: 'secret' });

describe('NotificationIntake', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('accepts every item of a big batch (the body limit bounds a batch, not an item count)', async () => {
    const { intake, written } = setup();
    const counts = await intake.acceptChanges(Array.from({ length: 2500 }, (_, n) => item(n)));
    expect(counts).toMatchObject({ accepted: 2500, malformed: 0 });
    expect(written).toEqual([2500]);
  });
});
