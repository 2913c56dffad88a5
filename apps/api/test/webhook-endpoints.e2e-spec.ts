import { DataSource } from 'typeorm';
import { webhookSecretAad, SecretBox } from '@app/common';
import { WebhookEndpointEntity } from '@app/database';
import { EVENT_TYPES } from '@app/events';
import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';

describe('Webhook endpoints API (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function customer() {
    const { key } = await createCustomer(t);
    return { Authorization: `Bearer ${key}` };
  }

  it('creates with every event by default, shows the secret once, lists, patches, rotates and deletes', async () => {
    const auth = await customer();
    const created = await t.http().post('/v1/webhook-endpoints').set(auth).send({ url: 'https://hooks.example.com/a', description: 'prod' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: 'https://hooks.example.com/a', events: [...EVENT_TYPES], description: 'prod', enabled: true, disabledCode: null });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = created.body.id as string;

    const got = await t.http().get(`/v1/webhook-endpoints/${id}`).set(auth);
    expect(got.status).toBe(200);
    expect(got.body.secret).toBeUndefined();
    expect(JSON.stringify((await t.http().get('/v1/webhook-endpoints').set(auth)).body)).not.toContain('whsec_');

    const row = await t.app.get(DataSource).getRepository(WebhookEndpointEntity).findOneByOrFail({ id });
    expect(row.secretEncrypted).not.toContain(created.body.secret);
    expect(t.app.get(SecretBox).decrypt(row.secretEncrypted, webhookSecretAad(row.customerId, id, 'secret'))).toBe(created.body.secret);

    const off = await t.http().patch(`/v1/webhook-endpoints/${id}`).set(auth).send({ enabled: false, events: ['connection.created', 'connection.created'], description: null });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, disabledCode: 'disabled_by_customer', events: ['connection.created'], description: null });
    const on = await t.http().patch(`/v1/webhook-endpoints/${id}`).set(auth).send({ enabled: true });
    expect(on.body).toMatchObject({ enabled: true, disabledCode: null, disabledReason: null, disabledAt: null });

    const rotated = await t.http().post(`/v1/webhook-endpoints/${id}/rotate-secret`).set(auth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const after = await t.app.get(DataSource).getRepository(WebhookEndpointEntity).findOneByOrFail({ id });
    expect(t.app.get(SecretBox).decrypt(after.previousSecretEncrypted!, webhookSecretAad(row.customerId, id, 'previous_secret'))).toBe(created.body.secret);
    expect(after.previousSecretExpiresAt!.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);

    expect((await t.http().delete(`/v1/webhook-endpoints/${id}`).set(auth)).status).toBe(204);
    expect((await t.http().get(`/v1/webhook-endpoints/${id}`).set(auth)).status).toBe(404);
  });

  it.each([
    [{ url: 'https://169.254.169.254/latest' }, 422, 'WEBHOOK_URL_NOT_ALLOWED'],
    [{ url: 'ftp://hooks.example.com/' }, 422, 'WEBHOOK_URL_NOT_ALLOWED'],
    [{ url: 'https://u:p@hooks.example.com/' }, 422, 'WEBHOOK_URL_NOT_ALLOWED'],
    [{ url: 'https://hooks.example.com/', events: ['connection.exploded'] }, 422, 'UNKNOWN_EVENT_TYPE'],
    [{ url: 'https://hooks.example.com/', events: [] }, 400, 'VALIDATION_FAILED'],
    [{ url: 'https://hooks.example.com/', events: 'connection.created' }, 400, 'VALIDATION_FAILED'],
    [{ url: 'https://hooks.example.com/', secret: 'mine' }, 400, 'VALIDATION_FAILED'],
    [{ url: 42 }, 400, 'VALIDATION_FAILED'],
    [{}, 400, 'VALIDATION_FAILED'],
    [{ url: `https://hooks.example.com/${'a'.repeat(2100)}` }, 400, 'VALIDATION_FAILED'],
  ])('refuses bad body #%#', async (body, status, code) => {
    const res = await t.http().post('/v1/webhook-endpoints').set(await customer()).send(body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('keeps customers apart: B gets 404 for A\'s endpoint', async () => {
    const a = await customer();
    const b = await customer();
    const id = (await t.http().post('/v1/webhook-endpoints').set(a).send({ url: 'https://hooks.example.com/a' })).body.id;
    expect((await t.http().get(`/v1/webhook-endpoints/${id}`).set(b)).status).toBe(404);
    expect((await t.http().patch(`/v1/webhook-endpoints/${id}`).set(b).send({ enabled: false })).status).toBe(404);
    expect((await t.http().post(`/v1/webhook-endpoints/${id}/rotate-secret`).set(b)).status).toBe(404);
    expect((await t.http().delete(`/v1/webhook-endpoints/${id}`).set(b)).status).toBe(404);
    expect((await t.http().get('/v1/webhook-endpoints').set(b)).body.data).toEqual([]);
    expect((await t.http().get(`/v1/webhook-endpoints/${id}`).set(a)).body.enabled).toBe(true);
    expect((await t.http().get('/v1/webhook-endpoints/not-a-uuid').set(a)).status).toBe(404);
  });

  it('stops at 20 endpoints per customer', async () => {
    const auth = await customer();
    for (let i = 0; i < 20; i++) expect((await t.http().post('/v1/webhook-endpoints').set(auth).send({ url: `https://hooks.example.com/${i}` })).status).toBe(201);
    const res = await t.http().post('/v1/webhook-endpoints').set(auth).send({ url: 'https://hooks.example.com/21' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WEBHOOK_ENDPOINT_LIMIT');
  });
});
