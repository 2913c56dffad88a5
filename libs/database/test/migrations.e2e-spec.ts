import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TEST_ADMIN_DATABASE_URL, TEST_DATABASE_NAME, TEST_DATABASE_URL } from '../../../test/test-env';
import { dataSourceOptions } from '../src';
import { MIGRATIONS } from '../src/migrations';
import { runMigrations } from '../src/run-migrations';

/** Every foreign key with an ON DELETE action whose columns no valid index starts with. */
const UNINDEXED_FOREIGN_KEYS = `
  SELECT c.conrelid::regclass::text AS "table", c.conname AS "constraint"
    FROM pg_constraint c
   WHERE c.contype = 'f' AND c.confdeltype IN ('c', 'n', 'd')
     AND NOT EXISTS (
       SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid AND i.indisvalid
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
   ORDER BY 1, 2`;

/** The migrations, on a database of their own: every one applies, reverts, and applies again, keeping the data. */
describe('Migrations (e2e)', () => {
  const name = `${TEST_DATABASE_NAME}_migrations`;
  const url = TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${name}`);
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  let db: DataSource;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    db = await new DataSource(dataSourceOptions(url)).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('apply, revert all the way down and apply again', async () => {
    expect((await db.runMigrations()).length).toBe(MIGRATIONS.length);
    for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration();
    const left = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    expect(left).toEqual([]);
    expect((await db.runMigrations()).length).toBe(MIGRATIONS.length);
  });

  /** Reverts the named migration and every later one (by timestamp, the order TypeORM runs them in). */
  async function undoDownTo(name: string): Promise<void> {
    const timestamp = (n: string) => Number(n.slice(-13));
    expect(MIGRATIONS.some((m) => m.name === name)).toBe(true);
    const later = MIGRATIONS.filter((m) => timestamp(m.name) >= timestamp(name)).length;
    for (let i = 0; i < later; i++) await db.undoLastMigration();
  }

  it('moving token reads to connection_reads keeps them both ways', async () => {
    await undoDownTo('ConnectionReads1763910000000');
    const [customer] = await db.query(`INSERT INTO customers (id, slug, name) VALUES (gen_random_uuid(), 'mig', 'M') RETURNING id`);
    const [connector] = await db.query(
      `INSERT INTO connectors (id, customer_id, kind, app_mode, client_type, tenant, scopes, display_name)
       VALUES (gen_random_uuid(), $1, 'outlook-email', 'default', 'confidential', 'common', '{}', 'Outlook') RETURNING id`,
      [customer.id],
    );
    const insert = (endUser: string) =>
      db.query(
        `INSERT INTO connections (id, customer_id, connector_id, end_user_id, ms_tenant_id, ms_object_id, client_id, version, status, scopes)
         VALUES (gen_random_uuid(), $1, $2, $3, 't', $3, 'client', 1, 'active', '{}') RETURNING id`,
        [customer.id, connector.id, endUser],
      );
    const [[read], [unread]] = [await insert('read'), await insert('unread')];
    await db.query(`UPDATE connections SET read_count = 7, last_read_at = '2026-11-01T10:00:00Z' WHERE id = $1`, [read.id]);

    await db.runMigrations();
    expect(await db.query(`SELECT connection_id, read_count, last_read_at FROM connection_reads`)).toEqual([
      { connection_id: read.id, read_count: '7', last_read_at: new Date('2026-11-01T10:00:00Z') },
    ]);

    await undoDownTo('ConnectionReads1763910000000');
    const back = await db.query(`SELECT id, read_count, last_read_at FROM connections ORDER BY end_user_id`);
    expect(back).toEqual([
      { id: read.id, read_count: '7', last_read_at: new Date('2026-11-01T10:00:00Z') },
      { id: unread.id, read_count: '0', last_read_at: null },
    ]);
    await db.runMigrations();
  });

  it('every foreign key with an ON DELETE action has an index starting with its columns', async () => {
    expect(await db.query(UNINDEXED_FOREIGN_KEYS)).toEqual([]);
    // The guard itself can fail: without the indexes migration, the connect-flow foreign keys are unindexed.
    await undoDownTo('ForeignKeyIndexes1764720500000');
    expect(await db.query(UNINDEXED_FOREIGN_KEYS)).toEqual(expect.arrayContaining([{ table: 'oauth_states', constraint: 'oauth_states_connect_session_id_fkey' }]));
    await db.runMigrations();
  });

  it('an index left INVALID by a concurrent build that died half-way is rebuilt', async () => {
    await undoDownTo('ForeignKeyIndexes1764720500000');
    await db.query(`CREATE INDEX oauth_states_customer_idx ON oauth_states (customer_id)`);
    // What a failed CREATE INDEX CONCURRENTLY leaves behind (the test runs as a superuser).
    await db.query(`UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'oauth_states_customer_idx'::regclass`);
    expect((await db.runMigrations()).map((m) => m.name)).toContain('ForeignKeyIndexes1764720500000');
    expect(await db.query(`SELECT i.indisvalid AS valid FROM pg_index i WHERE indexrelid = 'oauth_states_customer_idx'::regclass`)).toEqual([{ valid: true }]);
  });

  it('two instances migrating a fresh database at once both succeed and apply each migration once', async () => {
    const fresh = `${name}_race`;
    const freshUrl = TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${fresh}`);
    await admin.query(`DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${fresh}"`);
    try {
      const [a, b] = await Promise.all([runMigrations(freshUrl), runMigrations(freshUrl)]);
      expect([...a, ...b].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      const check = new Client({ connectionString: freshUrl });
      await check.connect();
      try {
        const { rows } = await check.query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name HAVING count(*) > 1`);
        expect(rows).toEqual([]);
      } finally {
        await check.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
    }
  });
});
