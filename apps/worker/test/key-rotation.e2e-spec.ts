import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { JOBS, QUEUES, RESEAL_SECRETS_EVERY_MS, SecretBox } from '@app/common';
import { loadConfig } from '@app/config';
import { randomUUID } from 'node:crypto';
import { clientSecretAad, tokenAad, webhookSecretAad } from '@app/common';
import { KeyRotationService, SealedSecretsRepository } from '@app/connect';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { callback, ConnectFixture, connectEndToEnd, connectSession, consent, setupConnector, startFlow } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { until } from '../../../test/processes';
import { TEST_ENV, TEST_REDIS_URL } from '../../../test/test-env';
import { WorkerModule } from '../src/worker.module';

const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
const ONLY_K1 = key('k1', 1);
const ONLY_K2 = key('k2', 2);
const K1_BOX = new SecretBox([{ id: 'k1', key: Buffer.alloc(32, 1) }]);
const K2_BOX = new SecretBox([{ id: 'k2', key: Buffer.alloc(32, 2) }]);

/** Every sealed value of one customer: its connector's secret, its connections' tokens, its OAuth states'. */
async function sealedValues(t: TestApp, customerId: string): Promise<string[]> {
  const rows: { v: string }[] = await t.db.query(
    `SELECT client_secret_encrypted AS v FROM connectors WHERE customer_id = $1
     UNION ALL SELECT access_token_encrypted FROM connections WHERE customer_id = $1
     UNION ALL SELECT refresh_token_encrypted FROM connections WHERE customer_id = $1
     UNION ALL SELECT code_verifier_encrypted FROM oauth_states WHERE customer_id = $1
     UNION ALL SELECT session_token_encrypted FROM oauth_states WHERE customer_id = $1
     UNION ALL SELECT secret_encrypted FROM webhook_endpoints WHERE customer_id = $1
     UNION ALL SELECT previous_secret_encrypted FROM webhook_endpoints WHERE customer_id = $1`,
    [customerId],
  );
  return rows.map((r) => r.v).filter(Boolean);
}

describe('Encryption key rotation (e2e)', () => {
  let emulator: RunningEmulator;
  let f: ConnectFixture;
  let connectionId: string;
  let endpointId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
  });
  afterAll(() => emulator.close());

  const env = (keys: string) => ({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url, ENCRYPTION_KEYS: keys });

  it('the worker re-seals every column under the active key; the API then runs with the new key alone', async () => {
    let versionBefore: { version: number };
    // Before the rotation: only k1 is configured, so everything is sealed under k1.
    const before = await createTestApp(env(ONLY_K1));
    try {
      f = await setupConnector(before, emulator);
      await connectEndToEnd(before, f, 'work', 'rotating-user');
      connectionId = (await before.http().get('/v1/connections?endUserId=rotating-user').set(f.auth)).body.data[0].id;
      // A webhook endpoint with a current and a previous signing secret (sealed like the endpoints API seals them).
      endpointId = randomUUID();
      await before.db.query(
        `INSERT INTO webhook_endpoints (id, customer_id, url, events, secret_encrypted, previous_secret_encrypted, previous_secret_expires_at)
         VALUES ($1, $2, 'https://hooks.customer.example/latchkey', '{connection.created}', $3, $4, now() + interval '1 day')`,
        [
          endpointId,
          f.customer.id,
          K1_BOX.encrypt('whsec_current', webhookSecretAad(f.customer.id, endpointId, 'secret')),
          K1_BOX.encrypt('whsec_previous', webhookSecretAad(f.customer.id, endpointId, 'previous_secret')),
        ],
      );
      const values = await sealedValues(before, f.customer.id);
      expect(values.length).toBeGreaterThanOrEqual(7);
      expect(values.every((v) => SecretBox.keyIdOf(v) === 'k1')).toBe(true);
      [versionBefore] = await before.db.query(`SELECT version FROM connections WHERE id = $1`, [connectionId]);
    } finally {
      await before.close();
    }

    // Rotation: k2 first, k1 kept; the real worker re-seals at boot, through its BullMQ job.
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...TEST_ENV, ...env(`${ONLY_K2},${ONLY_K1}`) })), { logger: false });
    await worker.init();
    const during = await createTestApp(env(`${ONLY_K2},${ONLY_K1}`));
    try {
      const values = await until(
        () => sealedValues(during, f.customer.id),
        (vs) => vs.every((v) => SecretBox.keyIdOf(v) === 'k2'),
      );
      expect(values.every((v) => SecretBox.keyIdOf(v) === 'k2')).toBe(true);
      // A same-plaintext swap: the refresher's compare-and-swap version is untouched.
      const [after] = await during.db.query(`SELECT version FROM connections WHERE id = $1`, [connectionId]);
      expect(after.version).toBe(versionBefore.version);
      // The endpoint's secrets open under k2 alone, with their own row and column bound.
      const [endpoint] = await during.db.query(`SELECT secret_encrypted, previous_secret_encrypted FROM webhook_endpoints WHERE id = $1`, [endpointId]);
      expect(K2_BOX.decrypt(endpoint.secret_encrypted, webhookSecretAad(f.customer.id, endpointId, 'secret'))).toBe('whsec_current');
      expect(K2_BOX.decrypt(endpoint.previous_secret_encrypted, webhookSecretAad(f.customer.id, endpointId, 'previous_secret'))).toBe('whsec_previous');
      const ready = await during.http().get('/health/ready');
      expect(ready.body.details.encryption).toMatchObject({ status: 'up', activeKeyId: 'k2', unavailableKeys: [] });
      // And again every hour (a no-op once done), whatever the number of workers: one job scheduler.
      const connection = new Redis(TEST_REDIS_URL);
      const queue = new Queue(QUEUES.system, { connection, prefix: TEST_ENV.QUEUE_PREFIX });
      expect(await queue.getJobScheduler(JOBS.resealSecrets)).toMatchObject({ every: RESEAL_SECRETS_EVERY_MS });
      await queue.close();
      connection.disconnect();
    } finally {
      await during.close();
      await worker.close();
    }

    // k1 removed: tokens and the connector's secret still open.
    const after = await createTestApp(env(ONLY_K2));
    try {
      const token = await after.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
      expect(token.status).toBe(200);
      const me = await fetch(`${emulator.url}/v1.0/me`, { headers: { Authorization: `Bearer ${token.body.accessToken}` } });
      expect(me.status).toBe(200);
      // A refresh needs the refresh token and the client secret, both re-sealed.
      await after.db.query(`UPDATE connections SET expires_at = now() + interval '30 seconds' WHERE id = $1`, [connectionId]);
      const refreshed = await after.http().get(`/v1/connections/${connectionId}/token`).set(f.auth);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.accessToken).not.toBe(token.body.accessToken);
      const ready = await after.http().get('/health/ready');
      expect(ready.body.details.encryption.sealedByKey.k2).toBeGreaterThanOrEqual(5);
    } finally {
      await after.close();
    }
  });

  it('a value sealed by a key that is not configured answers a coded 503 problem, and readiness names the key', async () => {
    const t = await createTestApp(env(ONLY_K2));
    try {
      f = await setupConnector(t, emulator);
      await connectEndToEnd(t, f, 'work', 'lost-key-user');
      const id = (await t.http().get('/v1/connections?endUserId=lost-key-user').set(f.auth)).body.data[0].id;
      const lost = new SecretBox([{ id: 'k9', key: Buffer.alloc(32, 9) }]).encrypt('at-under-k9', tokenAad(f.customer.id, id, 'access_token'));
      await t.db.query(`UPDATE connections SET access_token_encrypted = $1 WHERE id = $2`, [lost, id]);

      const res = await t.http().get(`/v1/connections/${id}/token`).set(f.auth);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'ENCRYPTION_KEY_UNAVAILABLE', keyId: 'k9' });
      expect(JSON.stringify(res.body)).not.toContain('at-under-k9');
      const ready = await t.http().get('/health/ready');
      expect(ready.body.details.encryption.unavailableKeys).toContain('k9');
      // Degraded path: the refresh token under the missing key cannot refresh; a still valid stored token is served.
      const fresh = new SecretBox([{ id: 'k2', key: Buffer.alloc(32, 2) }]).encrypt('at-under-k2', tokenAad(f.customer.id, id, 'access_token'));
      const lostRefresh = new SecretBox([{ id: 'k9', key: Buffer.alloc(32, 9) }]).encrypt('rt-under-k9', tokenAad(f.customer.id, id, 'refresh_token'));
      await t.db.query(
        `UPDATE connections SET access_token_encrypted = $1, refresh_token_encrypted = $2, expires_at = now() + interval '60 seconds' WHERE id = $3`,
        [fresh, lostRefresh, id],
      );
      const degraded = await t.http().get(`/v1/connections/${id}/token`).set(f.auth);
      expect(degraded.status).toBe(200);
      expect(degraded.body.accessToken).toBe('at-under-k2');
      // Not left behind for other readiness checks of this database.
      await t.db.query(`DELETE FROM connections WHERE id = $1`, [id]);
    } finally {
      await t.close();
    }
  });

  it('a callback whose PKCE verifier is sealed by a missing key gets a coded 503 page, not a 500', async () => {
    const t = await createTestApp(env(ONLY_K2));
    try {
      f = await setupConnector(t, emulator);
      const session = await connectSession(t, f);
      const started = await startFlow(t, session.token);
      const [state] = await t.db.query(`SELECT id FROM oauth_states WHERE customer_id = $1`, [f.customer.id]);
      const lost = new SecretBox([{ id: 'k9', key: Buffer.alloc(32, 9) }]).encrypt('verifier', `oauth_state:${state.id}:code_verifier`);
      await t.db.query(`UPDATE oauth_states SET code_verifier_encrypted = $1 WHERE id = $2`, [lost, state.id]);

      const res = await callback(t, await consent(started), started.cookie);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['x-latchkey-reason']).toBe('encryption_key_unavailable');
      await t.db.query(`DELETE FROM oauth_states WHERE id = $1`, [state.id]);
    } finally {
      await t.close();
    }
  });

  it('never clobbers a token written meanwhile (compare-and-swap on the old ciphertext); the next run re-seals it', async () => {
    const t = await createTestApp(env(ONLY_K1));
    try {
      f = await setupConnector(t, emulator);
      await connectEndToEnd(t, f, 'work', 'racing-user');
      const [row] = await t.db.query(`SELECT id FROM connections WHERE customer_id = $1`, [f.customer.id]);
      const aad = tokenAad(f.customer.id, row.id, 'access_token');
      const oldBox = new SecretBox([{ id: 'k1', key: Buffer.alloc(32, 1) }]);
      const refresherWrite = oldBox.encrypt('refreshed-meanwhile', aad);
      const rotation = new KeyRotationService(new SealedSecretsRepository(t.db), new SecretBox(loadConfig({ ...TEST_ENV, ENCRYPTION_KEYS: `${ONLY_K2},${ONLY_K1}` }).encryptionKeys));
      // The refresher stores a new token between the job's read and its write.
      const query = t.db.query.bind(t.db);
      const spy = jest.spyOn(t.db, 'query').mockImplementation(async (...args: Parameters<DataSource['query']>) => {
        const [sql, params] = args;
        if (sql.startsWith('UPDATE connections SET access_token_encrypted') && (params as string[])[1] === row.id) {
          await query(`UPDATE connections SET access_token_encrypted = $1 WHERE id = $2`, [refresherWrite, row.id]);
        }
        return query(...args);
      });
      await rotation.run();
      spy.mockRestore();
      const [raced] = await t.db.query(`SELECT access_token_encrypted AS v FROM connections WHERE id = $1`, [row.id]);
      expect(raced.v).toBe(refresherWrite);

      await rotation.run();
      const [done] = await t.db.query(`SELECT access_token_encrypted AS v FROM connections WHERE id = $1`, [row.id]);
      expect(SecretBox.keyIdOf(done.v)).toBe('k2');
      expect(new SecretBox([{ id: 'k2', key: Buffer.alloc(32, 2) }]).decrypt(done.v, aad)).toBe('refreshed-meanwhile');
    } finally {
      await t.close();
    }
  });

  it('a connector secret sealed by a missing key makes the connector misconfigured (saving the secret again fixes it)', async () => {
    const t = await createTestApp(env(ONLY_K2));
    try {
      f = await setupConnector(t, emulator);
      await connectEndToEnd(t, f, 'work', 'lost-secret-user');
      const id = (await t.http().get('/v1/connections?endUserId=lost-secret-user').set(f.auth)).body.data[0].id;
      const [connector] = await t.db.query(`SELECT id FROM connectors WHERE customer_id = $1`, [f.customer.id]);
      const lost = new SecretBox([{ id: 'k9', key: Buffer.alloc(32, 9) }]).encrypt(f.clientSecret, clientSecretAad(f.customer.id, connector.id));
      await t.db.query(`UPDATE connectors SET client_secret_encrypted = $1 WHERE id = $2`, [lost, connector.id]);
      await t.db.query(`UPDATE connections SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);

      const res = await t.http().get(`/v1/connections/${id}/token`).set(f.auth);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONNECTOR_MISCONFIGURED');

      const put = await t
        .http()
        .put('/v1/connectors/outlook-email')
        .set(f.auth)
        .send({ clientId: f.clientId, clientType: 'confidential', clientSecret: f.clientSecret, scopes: ['openid', 'profile', 'email', 'User.Read', 'Mail.Read'] });
      expect(put.status).toBe(200);
      expect((await t.http().get(`/v1/connections/${id}/token`).set(f.auth)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
