import { ConfigError, loadConfig } from './load-config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('has local defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/latchkey',
      redisUrl: 'redis://127.0.0.1:6379',
      microsoft: { loginUrl: 'https://login.microsoftonline.com', graphUrl: 'https://graph.microsoft.com', defaultApp: null },
    });
    expect(config.warnings.length).toBeGreaterThan(0);
  });

  it('keeps connect attempts 90 days unless CONNECT_ATTEMPT_RETENTION_DAYS says otherwise', () => {
    expect(loadConfig({}).connectAttemptRetentionDays).toBe(90);
    expect(loadConfig({ CONNECT_ATTEMPT_RETENTION_DAYS: '30' }).connectAttemptRetentionDays).toBe(30);
    expect(() => loadConfig({ CONNECT_ATTEMPT_RETENTION_DAYS: '0' })).toThrow(/CONNECT_ATTEMPT_RETENTION_DAYS/);
  });

  it('shapes the Graph proxy to Outlook\'s limits unless GRAPH_PROXY_* say otherwise, naming a bad one', () => {
    expect(loadConfig({}).graphProxy).toEqual({ concurrency: 4, budget: 10_000, budgetWindowSeconds: 600, leaseSeconds: 30, timeoutMs: 100_000 });
    expect(loadConfig({ GRAPH_PROXY_CONCURRENCY: '2', GRAPH_PROXY_BUDGET: '500' }).graphProxy).toMatchObject({ concurrency: 2, budget: 500 });
    expect(() => loadConfig({ GRAPH_PROXY_CONCURRENCY: '0' })).toThrow(/GRAPH_PROXY_CONCURRENCY/);
    expect(() => loadConfig({ GRAPH_PROXY_LEASE_SECONDS: 'soon' })).toThrow(/GRAPH_PROXY_LEASE_SECONDS/);
  });

  it('MICROSOFT_TENANT_ID is gone: a leftover setting is named in a warning, not silently ignored', () => {
    expect(loadConfig({}).warnings.join(' ')).not.toContain('MICROSOFT_TENANT_ID');
    expect(loadConfig({ MICROSOFT_TENANT_ID: 'contoso.onmicrosoft.com' }).warnings.join(' ')).toContain('MICROSOFT_TENANT_ID is not used');
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', PUBLIC_URL: 'ftp://x', REDIS_URL: 'nope', ENCRYPTION_KEYS: 'k1:short', MICROSOFT_CLIENT_ID: 'abc' });
      fail('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['PORT', 'PUBLIC_URL', 'REDIS_URL', 'ENCRYPTION_KEYS', 'MICROSOFT_CLIENT_ID']) expect(message).toContain(name);
    }
  });

  it('lists problems section by section, in a fixed order', () => {
    const env = {
      NODE_ENV: 'staging', PORT: 'x', DATABASE_URL: 'mysql://db', REDIS_URL: 'nope', ENCRYPTION_KEYS: 'bad', API_KEY_PEPPER: 'short',
      MICROSOFT_GRAPH_URL: 'ftp://graph', MICROSOFT_CLIENT_ID: 'abc', LOG_LEVEL: 'loud', REFRESH_LEAD_SECONDS: '-1',
      SIGN_IN_LIMIT_PER_IP: '0', CONNECT_ATTEMPT_RETENTION_DAYS: '0', QUEUE_PREFIX: 'a b',
    };
    const problems = (() => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'NODE_ENV', 'PORT', 'DATABASE_URL', 'REDIS_URL', 'ENCRYPTION_KEYS', 'API_KEY_PEPPER', 'MICROSOFT_GRAPH_URL', 'MICROSOFT_CLIENT_ID',
      'LOG_LEVEL', 'REFRESH_LEAD_SECONDS', 'SIGN_IN_LIMIT_PER_IP', 'CONNECT_ATTEMPT_RETENTION_DAYS', 'QUEUE_PREFIX',
    ]);
  });

  it('refuses missing secrets and sandbox URLs in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://latchkey.example.com' })).toThrow(
      /OPERATOR_TOKEN is required[\s\S]*ENCRYPTION_KEYS is required[\s\S]*API_KEY_PEPPER is required/,
    );
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://latchkey.example.com',
        OPERATOR_TOKEN: 'o'.repeat(40),
        ENCRYPTION_KEYS: `k1:${KEY}`,
        API_KEY_PEPPER: 'p'.repeat(40),
        MICROSOFT_LOGIN_URL: 'http://127.0.0.1:4010',
      }),
    ).toThrow(/MICROSOFT_LOGIN_URL/);
  });

  it('accepts a complete production configuration with key rotation', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://latchkey.example.com/',
      OPERATOR_TOKEN: 'o'.repeat(40),
      ENCRYPTION_KEYS: `k2:${KEY}, k1:${Buffer.alloc(32, 1).toString('base64')}`,
      API_KEY_PEPPER: 'p'.repeat(40),
      MICROSOFT_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      MICROSOFT_CLIENT_SECRET: 's',
      METRICS_TOKEN: 'm'.repeat(40),
    });
    expect(config.publicUrl).toBe('https://latchkey.example.com');
    expect(config.encryptionKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config.microsoft.defaultApp).toEqual({ clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 's' });
    expect(config.warnings).toEqual([]);
  });

  it('mail notifications: https PUBLIC_URL in production (said at boot otherwise), the subscription settings bounded', () => {
    const production = {
      NODE_ENV: 'production',
      OPERATOR_TOKEN: 'o'.repeat(40),
      ENCRYPTION_KEYS: `k1:${KEY}`,
      API_KEY_PEPPER: 'p'.repeat(40),
      METRICS_TOKEN: 'm'.repeat(40),
    };
    const https = loadConfig({ ...production, PUBLIC_URL: 'https://latchkey.example.com' });
    expect(https.mailNotifications).toEqual({
      available: true,
      notificationUrl: 'https://latchkey.example.com/graph/notifications',
      lifecycleUrl: 'https://latchkey.example.com/graph/lifecycle',
      lifetimeMinutes: 10_020,
      renewBeforeSeconds: 86_400,
      sweepIntervalSeconds: 15,
      dedupHours: 24,
      maxBodyBytes: 1024 * 1024,
    });
    const local = loadConfig({ ...production, PUBLIC_URL: 'http://localhost:3000' });
    expect(local.mailNotifications.available).toBe(false);
    expect(local.warnings.join(' ')).toMatch(/Mail notifications are unavailable: .*PUBLIC_URL \(http:\/\/localhost:3000\) is not https/);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:3000' }).mailNotifications.available).toBe(true);
    // Graph refuses more than 10,070 minutes ahead, whatever its docs' 10,080 say.
    expect(() => loadConfig({ MAIL_SUBSCRIPTION_LIFETIME_MINUTES: '10080' })).toThrow(/MAIL_SUBSCRIPTION_LIFETIME_MINUTES must be a whole number from 1 to 10070/);
    expect(loadConfig({ MAIL_SUBSCRIPTION_LIFETIME_MINUTES: '10070' }).mailNotifications.lifetimeMinutes).toBe(10_070);
  });

  it('enforces Microsoft redirect URI rules on PUBLIC_URL', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'http://latchkey.example.com' })).toThrow(/must be https/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://x.example.com/?a=1' })).toThrow(/query string/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://x.example.com/latchkey' })).toThrow(/PUBLIC_URL must be an origin without a path \(got path "\/latchkey"\)/);
    expect(() => loadConfig({ PUBLIC_URL: `https://x.example.com/${'a'.repeat(220)}` })).toThrow(/256/);
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8080' }).publicUrl).toBe('http://127.0.0.1:8080');
  });

  describe('metrics and log format', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://latchkey.example.com',
      OPERATOR_TOKEN: 'o'.repeat(40),
      ENCRYPTION_KEYS: `k1:${KEY}`,
      API_KEY_PEPPER: 'p'.repeat(40),
    };

    it('has metrics on, open outside production, the worker on 9464 (an ephemeral port under test)', () => {
      expect(loadConfig({}).metrics).toEqual({ enabled: true, token: null, workerPort: 9464 });
      expect(loadConfig({ NODE_ENV: 'test' }).metrics.workerPort).toBe(0);
      expect(loadConfig({ METRICS_ENABLED: 'false', METRICS_TOKEN: 'scrape', WORKER_METRICS_PORT: '0' }).metrics).toEqual({ enabled: false, token: 'scrape', workerPort: 0 });
      expect(loadConfig({ METRICS_ENABLED: '1' }).metrics.enabled).toBe(true);
    });

    it('refuses to boot in production without METRICS_TOKEN, naming it', () => {
      expect(() => loadConfig(production)).toThrow(/METRICS_TOKEN is required in production/);
      expect(loadConfig({ ...production, METRICS_TOKEN: 'm'.repeat(40) }).metrics.token).toBe('m'.repeat(40));
    });

    it('names a bad METRICS_ENABLED, WORKER_METRICS_PORT or LOG_FORMAT', () => {
      expect(() => loadConfig({ METRICS_ENABLED: 'yes' })).toThrow(/METRICS_ENABLED must be true or false \(got "yes"\)/);
      expect(() => loadConfig({ WORKER_METRICS_PORT: '70000' })).toThrow(/WORKER_METRICS_PORT must be a whole number from 0 to 65535/);
      expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be pretty or json \(got "xml"\)/);
    });

    it('logs readable lines in development and JSON elsewhere unless LOG_FORMAT says otherwise', () => {
      expect(loadConfig({}).logFormat).toBe('pretty');
      expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
      expect(loadConfig({ ...production, METRICS_TOKEN: 'm'.repeat(40) }).logFormat).toBe('json');
      expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
      expect(loadConfig({ NODE_ENV: 'test', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    });
  });
});
