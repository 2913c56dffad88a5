import pino from 'pino';
import { REDACTED_PATHS, redactUrl } from './logger-options';

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
