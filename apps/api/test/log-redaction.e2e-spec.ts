import { createTestApp, OPERATOR_AUTH, TestApp } from '../../../test/create-test-app';
import { inviteTokenOf } from '../../../test/console-helpers';
import { ApiProcess, startApi, stopAllProcesses, until } from '../../../test/processes';
import { TEST_ENV } from '../../../test/test-env';

/** Secrets in URL paths (invite and connect session tokens) never reach the log of a real API process. */
describe('Log redaction of URL paths (e2e, real process)', () => {
  let t: TestApp;
  let api: ApiProcess;
  beforeAll(async () => {
    t = await createTestApp(); // runs the migrations
    api = await startApi({ ...TEST_ENV, LOG_LEVEL: 'info' }, 90_000);
  }, 120_000);
  afterAll(async () => {
    await stopAllProcesses();
    await t?.close();
  });

  it('request lines show the route with lk_inv_, lk_cs_ and query secrets redacted', async () => {
    const slug = `log-${Date.now().toString(36)}`;
    const created = await t.http().post('/v1/customers').set('Authorization', OPERATOR_AUTH).send({ name: 'Logged', slug, adminEmail: `a@${slug}.example` });
    const inviteToken = inviteTokenOf(created.body.invite.url);
    expect(inviteToken).toMatch(/^lk_inv_/);
    const connectToken = `lk_cs_${'S'.repeat(43)}`;
    // The deprecated invite route still takes the token in its path.
    expect((await fetch(`${api.url}/v1/console/invites/${inviteToken}`)).status).toBe(200);
    await fetch(`${api.url}/connect/${connectToken}?code=QUERYSECRET`);

    const paths = () => api.logs().map((l) => (l.req as { path?: string } | undefined)?.path).filter(Boolean) as string[];
    await until(paths, (p) => p.includes('/connect/lk_cs_[redacted]'), 10_000, 100);
    expect(paths()).toEqual(expect.arrayContaining(['/v1/console/invites/lk_inv_[redacted]', '/connect/lk_cs_[redacted]']));
    const everything = JSON.stringify(api.logs()) + api.tail(400);
    expect(everything).not.toContain(inviteToken.slice('lk_inv_'.length));
    expect(everything).not.toContain('S'.repeat(43));
    expect(everything).not.toContain('QUERYSECRET');
  });
});
