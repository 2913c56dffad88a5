import { RunningEmulator, startEmulator } from '../../microsoft-emulator/src';
import { connectEndToEnd, setupConnector } from '../../../test/connect-helpers';
import { createTestApp, TestApp } from '../../../test/create-test-app';
import { ApiProcess, startApi, stopAllProcesses } from '../../../test/processes';
import { TEST_ENV } from '../../../test/test-env';

/** The Graph proxy never writes a body, a token or a raw Graph path into the log of a real API process. */
describe('Graph proxy logs (e2e, real process)', () => {
  let emulator: RunningEmulator;
  let t: TestApp;
  let api: ApiProcess;

  beforeAll(async () => {
    emulator = await startEmulator({ testMode: true });
    const env = { MICROSOFT_LOGIN_URL: emulator.url, MICROSOFT_GRAPH_URL: emulator.url };
    t = await createTestApp(env);
    api = await startApi({ ...TEST_ENV, ...env, LOG_LEVEL: 'debug' }, 90_000);
  }, 120_000);
  afterAll(async () => {
    await stopAllProcesses();
    await t?.close();
    await emulator?.close();
  });

  it('logs neither bodies nor tokens nor ids from the path, even when Graph fails', async () => {
    const f = await setupConnector(t, emulator, { connector: { scopes: ['openid', 'User.Read', 'Mail.ReadWrite', 'Mail.Send'] } });
    await connectEndToEnd(t, f, 'work', 'logged-user');
    const connectionId = (await t.http().get('/v1/connections?endUserId=logged-user').set(f.auth)).body.data[0].id;
    const accessToken = (await t.http().get(`/v1/connections/${connectionId}/token`).set(f.auth)).body.accessToken as string;
    const proxy = (path: string, init: RequestInit = {}) => fetch(`${api.url}/v1/connections/${connectionId}/graph/${path}`, { ...init, headers: { ...f.auth, 'content-type': 'application/json' } });

    const body = JSON.stringify({ message: { subject: 'BODYSECRET', toRecipients: [{ emailAddress: { address: 'a@fabrikam.example' } }] } });
    expect((await proxy('v1.0/me/sendMail', { method: 'POST', body })).status).toBe(202);
    expect((await proxy('v1.0/me/messages/IDSECRET123456789abc?$filter=QUERYSECRET')).status).toBe(404);
    emulator.injectFaults({ target: 'graph', kind: 'drop' });
    expect((await proxy('v1.0/me/sendMail', { method: 'POST', body })).status).toBe(502);
    expect((await proxy('v1.0/%2e%2e/IDSECRET123456789abc')).status).toBe(400);

    const everything = JSON.stringify(api.logs()) + api.tail(400);
    expect(everything).toContain('Graph not reached');
    for (const secret of ['BODYSECRET', 'IDSECRET123456789abc', 'QUERYSECRET', accessToken, f.customer.key]) expect(everything).not.toContain(secret);
  });
});
