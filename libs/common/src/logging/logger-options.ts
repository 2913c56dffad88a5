import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { UUID_RE } from '../ids/uuid';

/** Paths pino blanks out wherever they appear in a log line: credentials never reach the logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.clientSecret',
  '*.client_secret',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.id_token',
  '*.code_verifier',
  '*.apiKey',
  '*.token',
  '*.password',
];

/** Latchkey's token shapes (lk_inv_, lk_cs_, lk_sk_, lk_console_, ...): the prefix stays, to tell kinds apart. */
const PREFIXED_TOKEN = /\b(lk_[a-z]+_)[A-Za-z0-9_-]+/g;
/** A path segment this long and random-looking is a secret of unknown kind (ids are UUIDs, slugs are short). */
const OPAQUE_SEGMENT = /^[A-Za-z0-9_-]{32,}$/;

/** The path of a URL with the query dropped (OAuth codes, state) and every secret-looking segment redacted. */
export function redactUrl(url: string | undefined): string {
  return String(url ?? '')
    .split('?')[0]
    .split('/')
    .map((segment) => {
      const prefixed = segment.replace(PREFIXED_TOKEN, '$1[redacted]');
      if (prefixed !== segment) return prefixed;
      return OPAQUE_SEGMENT.test(segment) && !UUID_RE.test(segment) ? '[redacted]' : segment;
    })
    .join('/');
}

export function loggerOptions(config: AppConfig, name: string): Params {
  return {
    pinoHttp: {
      name,
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // requestIdMiddleware runs first over HTTP; the fallback covers anything that bypasses it.
      genReqId: (req: IncomingMessage) => req.id ?? randomUUID(),
      // Paths carry invite and connect session tokens, query strings OAuth codes and state: log neither in clear.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: redactUrl(req.url),
        }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    },
  };
}
