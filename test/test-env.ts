/**
 * Environment for every test: a database of its own (never a developer's) and a Redis database and key prefix of
 * its own. Loaded by jest's setupFiles before any test module.
 */
export const TEST_DATABASE_NAME = process.env.TEST_DATABASE_NAME ?? 'latchkey_test';
const pgBase = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_ADMIN_DATABASE_URL = `${pgBase}/postgres`;
export const TEST_DATABASE_URL = `${pgBase}/${TEST_DATABASE_NAME}`;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  DATABASE_URL: TEST_DATABASE_URL,
  REDIS_URL: TEST_REDIS_URL,
  QUEUE_PREFIX: 'latchkey-test',
  PUBLIC_URL: 'http://localhost:3000',
  OPERATOR_TOKEN: 'test-operator-token-0123456789abcdef',
  ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`,
  API_KEY_PEPPER: 'test-pepper-0123456789abcdef0123456789',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  // Every test signs in from 127.0.0.1: sign-in rate limits are tested on their own (sign-in-limits.e2e-spec.ts).
  SIGN_IN_LIMIT_PER_IP: '100000',
  SIGN_IN_LIMIT_PER_EMAIL: '100000',
};

for (const [name, value] of Object.entries(TEST_ENV)) process.env[name] = value;
for (const name of ['MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET', 'MICROSOFT_TENANT_ID', 'MICROSOFT_LOGIN_URL', 'MICROSOFT_GRAPH_URL']) {
  delete process.env[name];
}
