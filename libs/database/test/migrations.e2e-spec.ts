import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TEST_ADMIN_DATABASE_URL, TEST_DATABASE_NAME, TEST_DATABASE_URL } from '../../../test/test-env';
import { dataSourceOptions } from '../src';
import { MIGRATIONS } from '../src/migrations';

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

  it('moving token reads to connection_reads keeps them both ways', async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1];
    expect(last.name).toBe('ConnectionReads1763910000000');
    await db.undoLastMigration();
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

    await db.undoLastMigration();
    const back = await db.query(`SELECT id, read_count, last_read_at FROM connections ORDER BY end_user_id`);
    expect(back).toEqual([
      { id: read.id, read_count: '7', last_read_at: new Date('2026-11-01T10:00:00Z') },
      { id: unread.id, read_count: '0', last_read_at: null },
    ]);
    await db.runMigrations();
  });
});
