import { SecretBox } from '@app/common';
import { clientSecretAad } from '@app/common';
import { createCustomer, createTestApp, TestApp } from '../../../test/create-test-app';

const CLIENT_ID = '0b8f3c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b';
const SECRET = 'Qx8~abcDEF.ghiJKL_mnoPQR-stuVWX0123456789';

describe('Outlook Email connector (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function customer() {
    const c = await createCustomer(t);
    return { ...c, auth: { Authorization: `Bearer ${c.key}` } };
  }

  it('shows defaults and the exact callback URL before the first save', async () => {
    const c = await customer();
    const res = await t.http().get('/v1/connectors/outlook-email').set(c.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'outlook-email',
      configured: false,
      id: null,
      appMode: 'private',
      clientType: 'confidential',
      tenant: 'common',
      callbackUrl: `http://localhost:3000/oauth/callback/${c.slug}`,
      redirectUri: { url: `http://localhost:3000/oauth/callback/${c.slug}`, platform: 'web', platformLabel: 'Web', registrationRequired: true },
      clientSecret: { set: false, hint: null },
      requiredScopes: ['offline_access'],
    });
    expect(res.body.scopes[0]).toBe('offline_access');
  });

  it('creates, reads and updates; offline_access is always forced and marked required', async () => {
    const c = await customer();
    const put = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({
      clientId: CLIENT_ID.toUpperCase(),
      clientSecret: SECRET,
      scopes: ['Mail.Read', 'https://graph.microsoft.com/Mail.Send', 'mail.read', 'User.Read'],
      displayName: 'Outlook',
      description: 'Your inbox',
      logoUrl: 'https://cdn.example.com/outlook.png',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      configured: true,
      clientId: CLIENT_ID,
      scopes: ['offline_access', 'Mail.Read', 'Mail.Send', 'User.Read'],
      displayName: 'Outlook',
      description: 'Your inbox',
      logoUrl: 'https://cdn.example.com/outlook.png',
      enabled: true,
      clientSecret: { set: true, hint: '6789' },
    });
    expect(put.body.scopeDetails.find((s: { name: string }) => s.name === 'offline_access').required).toBe(true);
    expect(put.body.id).toMatch(/^[0-9a-f-]{36}$/);

    // Changing other settings keeps the secret; trying to drop offline_access keeps it too.
    const update = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ scopes: ['Mail.ReadBasic'], enabled: false, tenant: 'Organizations' });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({
      id: put.body.id,
      scopes: ['offline_access', 'Mail.ReadBasic'],
      enabled: false,
      tenant: 'organizations',
      clientSecret: { set: true, hint: '6789' },
      displayName: 'Outlook',
    });
    const read = await t.http().get('/v1/connectors/outlook-email').set(c.auth);
    expect(read.body).toEqual(update.body);
  });

  it('keeps the client secret write-only and encrypted at rest, bound to its row', async () => {
    const c = await customer();
    const put = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientId: CLIENT_ID, clientSecret: SECRET });
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain(SECRET);
    const get = await t.http().get('/v1/connectors/outlook-email').set(c.auth);
    expect(JSON.stringify(get.body)).not.toContain(SECRET);

    const [row] = await t.db.query('SELECT * FROM connectors WHERE customer_id = $1', [c.id]);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(row)).not.toContain(SECRET.slice(0, 20));
    expect(row.client_secret_encrypted).toMatch(/^v1\.k2\./);

    const box = new SecretBox(t.config.encryptionKeys);
    expect(box.decrypt(row.client_secret_encrypted, clientSecretAad(c.id, row.id))).toBe(SECRET);
    // Copied to another customer's row, the ciphertext no longer decrypts.
    expect(() => box.decrypt(row.client_secret_encrypted, clientSecretAad('00000000-0000-4000-8000-000000000000', row.id))).toThrow();

    // Each save uses a fresh IV.
    await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientSecret: SECRET });
    const [row2] = await t.db.query('SELECT client_secret_encrypted FROM connectors WHERE customer_id = $1', [c.id]);
    expect(row2.client_secret_encrypted).not.toBe(row.client_secret_encrypted);
  });

  it('rejects unknown scopes, other resources and .default mixed with named scopes, naming the value', async () => {
    const c = await customer();
    const base = { clientId: CLIENT_ID, clientSecret: SECRET };
    const unknown = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ ...base, scopes: ['Mail.Read', 'Files.ReadWrite.All'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('INVALID_SCOPE');
    expect(unknown.body.errors[0]).toMatchObject({ field: 'scopes', code: 'unknown_scope', value: 'Files.ReadWrite.All' });
    expect(unknown.body.errors[0].allowed).toEqual(expect.arrayContaining(['Mail.Read', 'offline_access', 'Calendars.Read']));

    const imap = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ ...base, scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All'] });
    expect(imap.status).toBe(400);
    expect(imap.body.errors[0]).toMatchObject({ code: 'other_resource', value: 'https://outlook.office.com/IMAP.AccessAsUser.All' });

    const mixed = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ ...base, scopes: ['.default', 'Mail.Read'] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors[0].code).toBe('default_mixed');

    const alone = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ ...base, scopes: ['https://graph.microsoft.com/.default', 'openid'] });
    expect(alone.status).toBe(200);
    // Stored short: qualified with MICROSOFT_GRAPH_URL only when sent to Microsoft.
    expect(alone.body.scopes).toEqual(['offline_access', 'openid', '.default']);

    const shared = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ tenant: 'consumers', scopes: ['Mail.Read.Shared'] });
    expect(shared.status).toBe(400);
    expect(shared.body.errors[0].code).toBe('work_accounts_only');

    // Nothing of the refused saves was stored.
    const read = await t.http().get('/v1/connectors/outlook-email').set(c.auth);
    expect(read.body.tenant).toBe('common');
  });

  it('validates the tenant', async () => {
    const c = await customer();
    const base = { clientId: CLIENT_ID, clientSecret: SECRET };
    for (const tenant of ['common', 'organizations', 'consumers', '72f988bf-86f1-41af-91ab-2d7cd011db47', 'contoso.onmicrosoft.com', 'contoso.com']) {
      const res = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ ...base, tenant });
      expect(res.status).toBe(200);
      expect(res.body.tenant).toBe(tenant);
    }
    for (const tenant of ['', 'not a tenant', 'https://login.microsoftonline.com/common', '72f988bf-86f1-41af', 'localhost', '../common']) {
      const res = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ tenant });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_TENANT');
      expect(res.body.errors[0]).toMatchObject({ field: 'tenant', value: tenant });
    }
  });

  it('requires a client id and, for confidential apps, a secret; public clients take none', async () => {
    const c = await customer();
    const noId = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientSecret: SECRET });
    expect(noId.status).toBe(400);
    expect(noId.body.errors.map((e: { field: string }) => e.field)).toContain('clientId');

    const noSecret = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientId: CLIENT_ID });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.code).toBe('CLIENT_SECRET_REQUIRED');

    const secretId = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientId: CLIENT_ID, clientSecret: '3f1c2b4a-9d8e-4f7a-b6c5-d4e3f2a1b0c9' });
    expect(secretId.status).toBe(400);
    expect(secretId.body.errors[0].code).toBe('secret_id_not_value');

    const badGuid = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientId: 'my-app', clientSecret: SECRET });
    expect(badGuid.status).toBe(400);
    expect(badGuid.body.errors[0].field).toBe('clientId');

    const pub = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientId: CLIENT_ID, clientType: 'public' });
    expect(pub.status).toBe(200);
    expect(pub.body.redirectUri).toMatchObject({ platform: 'mobile_and_desktop', platformLabel: 'Mobile and desktop applications' });
    expect(pub.body.callbackUrl).toBe(`http://localhost:3000/oauth/callback/${c.slug}`);

    const pubSecret = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientSecret: SECRET });
    expect(pubSecret.status).toBe(400);
    expect(pubSecret.body.code).toBe('CLIENT_SECRET_NOT_ALLOWED');
  });

  it('refuses the default app when the platform has none, and uses it when configured', async () => {
    const c = await customer();
    const res = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ appMode: 'default' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('DEFAULT_APP_UNAVAILABLE');

    const withDefault = await createTestApp({ MICROSOFT_CLIENT_ID: '11111111-2222-4333-8444-555555555555', MICROSOFT_CLIENT_SECRET: 'platform-secret' });
    try {
      const ok = await withDefault.http().put('/v1/connectors/outlook-email').set(c.auth).send({ appMode: 'default' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        appMode: 'default',
        clientId: '11111111-2222-4333-8444-555555555555',
        callbackUrl: 'http://localhost:3000/oauth/callback',
        redirectUri: { registrationRequired: false },
        clientSecret: { set: false },
      });
    } finally {
      await withDefault.close();
    }
  });

  it.each([
    ['US Gov', 'https://graph.microsoft.us', 'https://graph.microsoft.com'],
    ['China', 'https://microsoftgraph.chinacloudapi.cn', 'https://graph.microsoft.us'],
  ])('%s: scopes qualified with MICROSOFT_GRAPH_URL are accepted, those of another cloud refused by name', async (_cloud, graph, other) => {
    const sovereign = await createTestApp({ MICROSOFT_GRAPH_URL: graph });
    try {
      const c = await createCustomer(sovereign);
      const auth = { Authorization: `Bearer ${c.key}` };
      const base = { clientId: CLIENT_ID, clientSecret: SECRET };
      const ok = await sovereign.http().put('/v1/connectors/outlook-email').set(auth).send({ ...base, scopes: [`${graph}/Mail.Read`, `${graph}/user.read`] });
      expect(ok.status).toBe(200);
      expect(ok.body.scopes).toEqual(['offline_access', 'Mail.Read', 'User.Read']);
      const refused = await sovereign.http().put('/v1/connectors/outlook-email').set(auth).send({ scopes: ['User.Read', `${other}/Mail.Read`] });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('INVALID_SCOPE');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'scopes', code: 'other_cloud', value: `${other}/Mail.Read` })]);
      expect(refused.body.detail).toContain(graph);
    } finally {
      await sovereign.close();
    }
  });

  it('records the secret expiry and warns when it is near or past', async () => {
    const c = await customer();
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const res = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientId: CLIENT_ID, clientSecret: SECRET, clientSecretExpiresAt: soon });
    expect(res.status).toBe(200);
    expect(res.body.clientSecret.expiresInDays).toBe(9);
    expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'client_secret_expiring' })]);

    const past = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientSecretExpiresAt: '2020-01-01' });
    expect(past.body.warnings).toEqual([expect.objectContaining({ code: 'client_secret_expired' })]);

    const far = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientSecretExpiresAt: '2999-01-01T00:00:00Z' });
    expect(far.body.warnings).toEqual([]);

    const bad = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientSecretExpiresAt: 'next year' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('clientSecretExpiresAt');
  });

  it('validates catalog settings and rejects unknown fields', async () => {
    const c = await customer();
    const res = await t.http().put('/v1/connectors/outlook-email').set(c.auth).send({
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      logoUrl: 'http://insecure.example.com/logo.png',
      displayName: '',
      enabled: 'yes',
      clientSecretHint: 'abcd',
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['clientSecretHint', 'displayName', 'enabled', 'logoUrl']);
  });

  it('settles concurrent first saves on one connector row, the later saves applied as updates', async () => {
    const c = await customer();
    const names = ['One', 'Two', 'Three', 'Four'];
    const saves = await Promise.all(
      names.map((displayName) => t.http().put('/v1/connectors/outlook-email').set(c.auth).send({ clientId: CLIENT_ID, clientSecret: SECRET, displayName })),
    );
    expect(saves.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const rows = await t.db.query('SELECT id, display_name FROM connectors WHERE customer_id = $1', [c.id]);
    expect(rows).toHaveLength(1);
    expect(new Set(saves.map((r) => r.body.id))).toEqual(new Set([rows[0].id]));
    expect(names).toContain(rows[0].display_name);
  });

  it("saves and shows only the calling customer's connector", async () => {
    const [a, b] = [await customer(), await customer()];
    await t.http().put('/v1/connectors/outlook-email').set(a.auth).send({ clientId: CLIENT_ID, clientSecret: SECRET, displayName: 'A' }).expect(200);
    const other = await t.http().get('/v1/connectors/outlook-email').set(b.auth);
    expect(other.body).toMatchObject({ configured: false, id: null, displayName: 'Outlook Email' });
    const first = await t.http().put('/v1/connectors/outlook-email').set(b.auth).send({ clientId: CLIENT_ID, clientSecret: SECRET, displayName: 'B' });
    expect(first.status).toBe(200);
    const mine = await t.http().get('/v1/connectors/outlook-email').set(a.auth);
    expect(mine.body).toMatchObject({ displayName: 'A' });
    expect(mine.body.id).not.toBe(first.body.id);
  });

  it('serves the scope catalog', async () => {
    const res = await t.http().get('/v1/scopes/outlook-email');
    expect(res.status).toBe(200);
    const offline = res.body.data.find((s: { name: string }) => s.name === 'offline_access');
    expect(offline).toMatchObject({ required: true, adminConsentRequired: false });
    expect(res.body.data.find((s: { name: string }) => s.name === 'Mail.Send.Shared')).toMatchObject({ workAccountsOnly: true });
    expect(res.body.data.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email', 'User.Read', 'Mail.ReadWrite', 'MailboxSettings.Read', 'Contacts.Read', 'Calendars.ReadWrite']),
    );
  });
});
