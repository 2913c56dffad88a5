import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { join } from 'node:path';
import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createCustomer, createTestApp, OPERATOR_AUTH, TestApp } from '../../../test/create-test-app';
import { OPENAPI_FILES, REPO_ROOT } from '../../../scripts/openapi-render';
import { fetchDocument } from './openapi-helpers';

interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status: number;
  answer: unknown;
}

interface Checked {
  route: string;
  status?: number;
  error?: string;
  request: unknown[] | null;
  answer: unknown[] | null;
}

/**
 * @seriousme/openapi-schema-validator checks the document, openapi-backend each exchange; both run in a plain Node
 * process (openapi-validate.mjs) because they are ES modules that jest's CommonJS runtime cannot load.
 */
function validate(doc: OpenAPIObject, requests: Array<Partial<Exchange>>, answers: Exchange[] = []) {
  const out = execFileSync(process.execPath, [join(__dirname, 'openapi-validate.mjs')], { input: JSON.stringify({ doc, requests, answers }) });
  return JSON.parse(out.toString()) as { document: { valid: boolean; errors?: unknown }; requests: Checked[]; answers: Checked[] };
}

/**
 * The OpenAPI document against the running server: the document itself is valid OpenAPI, and real requests and answers
 * recorded while driving the API validate against it with openapi-backend (a maintained validator, not a hand-made one).
 */
describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let emulator: RunningEmulator;
  let key: string;
  let doc: OpenAPIObject;
  const exchanges: Exchange[] = [];

  const call = async (
    method: 'get' | 'post' | 'put' | 'delete',
    url: string,
    auth: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Exchange & { cookie?: string }> => {
    let req = t.http()[method](url).set(headers);
    if (auth) req = req.set('Authorization', auth);
    const res = body === undefined ? await req : await req.send(body as object);
    const parsed = new URL(url, 'http://x');
    const exchange = { method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams), body, status: res.status, answer: res.text ? res.body : null };
    exchanges.push(exchange);
    return { ...exchange, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    t = await createTestApp({ MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url });
    ({ key } = await createCustomer(t));
    doc = await fetchDocument(t);
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('is a valid OpenAPI document', () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(validate(doc, []).document).toEqual({ valid: true });
  });

  it('is the committed docs/openapi.json, and the console types are generated from it (else run npm run openapi:generate)', () => {
    // Rendered in a plain Node process, as validate() does: openapi-typescript loads ES modules.
    const rendered = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'scripts', 'openapi-render.ts')], { input: JSON.stringify(doc), cwd: REPO_ROOT });
    const expected = JSON.parse(rendered.toString()) as Record<string, string>;
    const committed = (path: string) => (existsSync(join(REPO_ROOT, path)) ? readFileSync(join(REPO_ROOT, path), 'utf8') : null);
    const stale = Object.values(OPENAPI_FILES).filter((path) => committed(path) !== expected[path]);
    expect(stale.length === 0 ? [] : [...stale, 'stale: run npm run openapi:generate']).toEqual([]);
  });

  it('types nullable string fields as nullable strings, not objects', () => {
    const props = (doc.components!.schemas!.PutOutlookEmailConnectorDto as { properties: Record<string, { type: string; nullable?: boolean }> }).properties;
    for (const field of ['clientId', 'clientSecret', 'clientSecretExpiresAt', 'description', 'logoUrl']) {
      expect({ field, type: props[field].type, nullable: props[field].nullable }).toEqual({ field, type: 'string', nullable: true });
    }
  });

  it('accepts every request the API accepted and describes every problem it answered', async () => {
    const auth = `Bearer ${key}`;
    const customer = await call('post', '/v1/customers', OPERATOR_AUTH, { name: 'OpenAPI Co', adminEmail: `admin-${Date.now()}@openapi.example` });
    expect(customer.status).toBe(201);
    const customerId = (customer.answer as { id: string }).id;
    await call('post', `/v1/customers/${customerId}/invites`, OPERATOR_AUTH, { email: `jane-${Date.now()}@openapi.example` });
    await call('get', `/v1/customers/${customerId}/members`, OPERATOR_AUTH);
    const created = await call('post', '/v1/api-keys', auth, { name: 'openapi' });
    await call('get', '/v1/api-keys', auth);
    await call('delete', `/v1/api-keys/${(created.answer as { id: string }).id}`, auth);
    await call('put', '/v1/connectors/outlook-email', auth, {
      appMode: 'private',
      clientId: '0b8f3c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b',
      clientSecret: 'a-secret-value',
      clientSecretExpiresAt: '2027-05-01',
      clientType: 'confidential',
      tenant: 'common',
      scopes: ['Mail.Read'],
      displayName: 'Outlook',
      description: 'Read your mail',
      logoUrl: 'https://example.com/logo.png',
      enabled: true,
      multipleAccounts: false,
    });
    await call('put', '/v1/connectors/outlook-email', auth, { clientSecretExpiresAt: null, description: null, logoUrl: null });
    await call('get', '/v1/connectors/outlook-email', auth);
    await call('get', '/v1/scopes/outlook-email', null);
    await call('put', '/v1/settings', auth, { allowedReturnOrigins: ['https://app.example.com'] });
    await call('get', '/v1/settings', auth);
    await call('post', '/v1/connect-sessions', auth, { endUser: { id: 'user-1', email: 'jane@contoso.com', displayName: 'Jane' }, returnUrl: 'https://app.example.com/done' });
    await call('get', '/v1/connections?limit=10&search=jane&status=active', auth);
    await call('get', '/v1/connect-attempts?limit=5&endUserId=user-1', auth);
    await call('get', '/v1/connections/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f', auth);
    await call('get', '/v1/connections/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f/token?minValidity=60', auth);
    await call('get', '/v1/end-users/user-1/connections/outlook-email/token', auth);
    await call('post', '/v1/console/sign-in', null, { email: 'nobody@openapi.example', password: 'wrong password' });
    await call('get', '/v1/console/invites/lk_inv_unknown', null);
    await call('get', '/v1/console/session', null);

    const accepted = exchanges.filter((e) => e.status < 400);
    expect(accepted.length).toBeGreaterThan(12);
    expect(exchanges.filter((e) => e.status >= 500)).toEqual([]);
    const { requests, answers } = validate(doc, accepted, exchanges);
    expect(requests.filter((r) => r.error || r.request)).toEqual([]);
    expect(answers.filter((r) => r.error || r.answer)).toEqual([]);
    // The problems above were validated against the documented Problem schema, not skipped.
    expect(exchanges.filter((e) => e.status >= 400).length).toBeGreaterThan(4);
  });

  it('refuses in the document what the server refuses', async () => {
    const refused: Array<{ method: 'put' | 'post'; path: string; body: unknown }> = [
      { method: 'put', path: '/v1/connectors/outlook-email', body: { clientId: 42 } },
      { method: 'put', path: '/v1/connectors/outlook-email', body: { tenant: null } },
      { method: 'put', path: '/v1/connectors/outlook-email', body: { surprise: true } },
      { method: 'put', path: '/v1/connectors/outlook-email', body: { displayName: 'x'.repeat(101) } },
      { method: 'post', path: '/v1/connect-sessions', body: { endUser: { id: '' } } },
      { method: 'post', path: '/v1/api-keys', body: { name: null } },
    ];
    for (const { method, path, body } of refused) {
      const res = await call(method, path, `Bearer ${key}`, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const { requests } = validate(doc, refused.map(({ method, path, body }) => ({ method, path, query: {}, body })));
    expect(requests.map((r, i) => ({ body: refused[i].body, refused: Array.isArray(r.request) }))).toEqual(refused.map(({ body }) => ({ body, refused: true })));
  });

  it('documents a success answer for every operation', () => {
    const undocumented: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>)) {
        const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        const typed = success.every(([status, answer]) => status === '204' || answer.content?.['application/json']?.schema);
        if (success.length !== 1 || !typed) undocumented.push(`${method} ${path}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('answers every success with exactly the documented body: an undocumented field fails', async () => {
    const f = await setupConnector(t, emulator);
    const auth = f.auth.Authorization;
    const connected = (await connectEndToEnd(t, f, 'work', 'openapi-user')).res;
    expect({ status: connected.status, text: connected.status === 200 ? '' : connected.text }).toEqual({ status: 200, text: '' });
    const list = await call('get', '/v1/connections?endUserId=openapi-user', auth);
    const connectionId = (list.answer as { data: Array<{ id: string }> }).data[0].id;
    await call('get', `/v1/connections/${connectionId}`, auth);
    await call('get', `/v1/connections/${connectionId}/events`, auth);
    await call('get', `/v1/connections/${connectionId}/token`, auth);
    await call('get', '/v1/end-users/openapi-user/connections/outlook-email/token?minValidity=60', auth);
    await call('get', '/v1/connect-attempts?endUserId=openapi-user', auth);
    await call('get', '/v1/connectors/outlook-email', auth);
    await call('get', '/health/live', null);
    await call('get', '/health/ready', null);
    const created = await call('post', '/v1/customers', OPERATOR_AUTH, { name: 'Invited Co', adminEmail: `admin-${Date.now()}@openapi.example` });
    // Before its first save a connector shows the defaults, its ids and dates null; without adminEmail, invite is null.
    await call('get', '/v1/connectors/outlook-email', `Bearer ${(created.answer as { apiKey: { secret: string } }).apiKey.secret}`);
    await call('post', '/v1/customers', OPERATOR_AUTH, { name: 'No Invite Co' });
    const inviteToken = new URL((created.answer as { invite: { url: string } }).invite.url).hash.replace('#token=', '');
    await call('post', '/v1/console/invites/lookup', null, { token: inviteToken });
    const signedIn = await call('post', '/v1/console/invites/accept', null, { token: inviteToken, password: 'a long enough password' });
    const session = await call('get', '/v1/console/session', null, undefined, { Cookie: signedIn.cookie! });
    const csrf = (session.answer as { csrfToken: string }).csrfToken;
    await call('post', '/v1/console/sign-out', null, undefined, { Cookie: signedIn.cookie!, 'X-CSRF-Token': csrf });
    await call('delete', `/v1/connections/${connectionId}`, auth);

    const succeeded = exchanges.filter((e) => e.status < 300);
    expect(succeeded.filter((e) => e.status >= 300)).toEqual([]);
    expect(new Set(succeeded.map((e) => e.status))).toEqual(new Set([200, 201, 204]));
    expect(validate(doc, [], succeeded).answers.filter((r) => r.error || r.answer)).toEqual([]);

    // Every object answer is closed (health/ready's details are per indicator, so open by design): a field the
    // document does not name is refused, at the top and inside the first item of a list.
    const widened = succeeded
      .filter((e) => e.path !== '/health/ready' && typeof e.answer === 'object' && e.answer && Object.keys(e.answer).length > 0)
      .flatMap((e) => {
        const answer = e.answer as { data?: unknown[] };
        const top = { ...e, answer: { ...answer, undocumented: true } };
        const first = answer.data?.[0];
        return typeof first === 'object' && first ? [top, { ...e, answer: { ...answer, data: [{ ...first, undocumented: true }] } }] : [top];
      });
    expect(widened.length).toBeGreaterThan(12);
    const checked = validate(doc, [], widened).answers;
    expect(checked.filter((r) => !Array.isArray(r.answer)).map((r) => r.route)).toEqual([]);
  });
});
