import { Client } from 'pg';
import { loadConfigOrExit } from '@app/config';
import { runMigrations } from '@app/database';

/** Applies pending migrations to DATABASE_URL, creating the database first when it does not exist. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const target = new URL(config.databaseUrl);
  const database = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(config.databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      console.log(`Created database ${database}`);
    }
  } catch (error) {
    // Without rights on the maintenance database the target must already exist; the migration run says if not.
    console.warn(`Could not check or create database ${database}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const applied = await runMigrations(config.databaseUrl);
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'No pending migrations');
}

main().catch((error: unknown) => {
  console.error('Migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
