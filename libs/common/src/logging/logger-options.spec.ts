import pino from 'pino';
import { REDACTED_PATHS } from './logger-options';

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
