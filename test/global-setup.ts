import { Client } from 'pg';
import Redis from 'ioredis';
import { runMigrations } from '../libs/database/src/run-migrations';
import { TEST_ADMIN_DATABASE_URL, TEST_DATABASE_NAME, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

/** A fresh test database built by the real migrations, and an empty test Redis database. */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Tests need PostgreSQL at ${TEST_ADMIN_DATABASE_URL} (${(error as Error).message}). Start it with: bash scripts/ensure-services.sh`,
    );
  }
  await admin.query(`DROP DATABASE IF EXISTS "${TEST_DATABASE_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEST_DATABASE_NAME}"`);
  await admin.end();
  await runMigrations(TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } catch (error) {
    throw new Error(`Tests need Redis at ${TEST_REDIS_URL} (${(error as Error).message}). Start it with: bash scripts/ensure-services.sh`);
  } finally {
    redis.disconnect();
  }
}
