import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '@app/config';
import { loggerOptions, prettyStream, REDACTED_PATHS, redactUrl } from './logger-options';

describe('log redaction', () => {
  it('blanks credentials wherever they appear', () => {
    const lines: string[] = [];
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, { write: (l: string) => lines.push(l) });
    logger.info({
      req: { headers: { authorization: 'Bearer lk_sk_SECRET1', cookie: 'sid=SECRET2' } },
      connector: { clientSecret: 'SECRET3' },
      tokens: { accessToken: 'SECRET4', refreshToken: 'SECRET5', refresh_token: 'SECRET6' },
      body: { apiKey: 'SECRET7' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/SECRET\d/);
    expect(lines[0]).toContain('[redacted]');
  });
});

describe('redactUrl', () => {
  it('keeps ids and routes, drops the query, redacts token-shaped segments', () => {
    const id = '8f14e45f-ceea-467f-a0e6-1d2d3c4b5a69';
    expect(redactUrl(`/v1/connections/${id}/token?minValidity=60`)).toBe(`/v1/connections/${id}/token`);
    expect(redactUrl('/v1/console/invites/lk_inv_AbC-123_xyz/accept')).toBe('/v1/console/invites/lk_inv_[redacted]/accept');
    expect(redactUrl('/connect/lk_cs_secret/outlook-email/start')).toBe('/connect/lk_cs_[redacted]/outlook-email/start');
    expect(redactUrl(`/x/${'a'.repeat(43)}`)).toBe('/x/[redacted]');
    expect(redactUrl('/oauth/callback?code=SECRET&state=SECRET')).toBe('/oauth/callback');
  });
});

describe('LOG_FORMAT', () => {
  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, sink };
  };

  it('pretty: one readable line per entry, uncoloured off a terminal, credentials still redacted', async () => {
    const { lines, sink } = capture();
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, prettyStream(sink, false));
    logger.info({ connectionId: 'c-1', tokens: { accessToken: 'SECRET4' }, req: { headers: { authorization: 'Bearer lk_sk_SECRET1' } } }, 'Token refreshed');
    await new Promise((r) => setImmediate(r));
    const out = lines.join('');
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toContain('INFO');
    expect(out).toContain('Token refreshed');
    expect(out).toContain('c-1');
    expect(out).not.toMatch(/SECRET\d/);
    expect(out).not.toContain('\u001b[');
    expect(() => JSON.parse(out)).toThrow();
  });

  it('chooses pino-pretty for pretty and plain JSON lines for json', () => {
    const base = loadConfig({ NODE_ENV: 'test' });
    expect(Array.isArray(loggerOptions({ ...base, logFormat: 'pretty' }, 'x').pinoHttp)).toBe(true);
    expect(loggerOptions({ ...base, logFormat: 'json' }, 'x').pinoHttp).toMatchObject({ name: 'x', redact: { paths: REDACTED_PATHS } });
  });
});
