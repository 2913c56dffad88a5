import { runSandbox, SANDBOX_DEFAULT_CLIENT_ID, sandboxConfigFromEnv } from './main';

describe('sandbox runner', () => {
  it('refuses to start with NODE_ENV=production', () => {
    expect(() => sandboxConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/production/);
  });

  it('reads defaults and the default app from the environment', () => {
    const cfg = sandboxConfigFromEnv({});
    expect(cfg).toMatchObject({ port: 4010, host: '127.0.0.1', testMode: false });
    expect(cfg.defaultApp).toMatchObject({
      clientId: SANDBOX_DEFAULT_CLIENT_ID,
      clientSecret: 'sandbox-secret',
      redirectUris: ['http://localhost:3000/oauth/callback'],
      clientType: 'confidential',
    });
    const custom = sandboxConfigFromEnv({
      EMULATOR_MODE: 'test',
      EMULATOR_PORT: '0',
      EMULATOR_DEFAULT_CLIENT_ID: 'abc',
      EMULATOR_DEFAULT_REDIRECT_URIS: 'https://a.example/cb, http://localhost:5000/cb',
    });
    expect(custom.testMode).toBe(true);
    expect(custom.defaultApp.redirectUris).toEqual(['https://a.example/cb', 'http://localhost:5000/cb']);
    expect(() => sandboxConfigFromEnv({ EMULATOR_MODE: 'prod' })).toThrow();
  });

  it('reads the callback rewrites docker compose needs, and refuses a malformed one', () => {
    expect(sandboxConfigFromEnv({}).callbackRewrites).toEqual([]);
    expect(sandboxConfigFromEnv({ EMULATOR_CALLBACK_REWRITES: 'http://localhost:3000=http://api:3000, https://a.example=http://b:1' }).callbackRewrites).toEqual([
      { from: 'http://localhost:3000', to: 'http://api:3000' },
      { from: 'https://a.example', to: 'http://b:1' },
    ]);
    expect(() => sandboxConfigFromEnv({ EMULATOR_CALLBACK_REWRITES: 'localhost:3000=api:3000' })).toThrow(/EMULATOR_CALLBACK_REWRITES/);
    expect(() => sandboxConfigFromEnv({ EMULATOR_CALLBACK_REWRITES: 'http://a=http://b=http://c' })).toThrow(/EMULATOR_CALLBACK_REWRITES/);
  });

  it('starts with the default app registered and the control API on', async () => {
    const em = await runSandbox({ EMULATOR_PORT: '0', NODE_ENV: 'development' });
    try {
      const apps = await (await fetch(`${em.url}/_emulator/apps`)).json();
      expect(apps.apps.map((a: { clientId: string }) => a.clientId)).toEqual([SANDBOX_DEFAULT_CLIENT_ID]);
      expect(em.testMode).toBe(false);
    } finally {
      await em.close();
    }
  });

  it('serves the mail control calls too, so a test mail can be sent by hand', async () => {
    const em = await runSandbox({ EMULATOR_PORT: '0', NODE_ENV: 'development' });
    try {
      const res = await fetch(`${em.url}/_emulator/mailboxes/work/messages`, { method: 'POST', body: '{"subject":"hi"}' });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ message: { subject: 'hi' }, notifications: [] });
      expect((await fetch(`${em.url}/_emulator/subscriptions`)).status).toBe(200);
    } finally {
      await em.close();
    }
  });
});
