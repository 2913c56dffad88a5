import { setTimeout } from 'node:timers/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Fixed key of the advisory lock held while migrating ("latchkey" in ASCII hex); never change it once shipped. */
const MIGRATION_LOCK_KEY = 0x6c617463686b6579n;
const LOCK_POLL_MS = 200;

/**
 * Polls pg_try_advisory_lock rather than waiting in pg_advisory_lock: a session waiting inside a statement holds a
 * snapshot, and CREATE INDEX CONCURRENTLY in the other instance waits for every such snapshot: a deadlock Postgres
 * does not detect.
 */
async function takeLock(lock: Client): Promise<void> {
  for (;;) {
    const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY.toString()]);
    if (rows[0].locked) return;
    await setTimeout(LOCK_POLL_MS);
  }
}

/**
 * Applies pending migrations; returns the names of those applied. Instances starting together (a rolling deploy)
 * take turns on a Postgres advisory lock held by a connection of its own: the first applies, the others find nothing
 * pending. The lock goes with the session, so a crashed migrator releases it.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await takeLock(lock);
    const dataSource = new DataSource(dataSourceOptions(databaseUrl));
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    // Ending the session releases the lock even if the unlock itself fails.
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
    await lock.end();
  }
}
