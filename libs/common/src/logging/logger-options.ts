import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import type { AppConfig } from '@app/config';
import { UUID_RE } from '../ids/uuid';
import { METRICS_PATH } from '../metrics/metric-names';

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

/**
 * LOG_FORMAT=pretty: one readable line per entry, coloured only on a terminal. pino redacts before it writes, so the
 * lines hold exactly what the JSON would. Synchronous: development logs are few, and none is lost when the process exits.
 */
export function prettyStream(destination: NodeJS.WritableStream | number = 1, colorize = process.stdout.isTTY === true): DestinationStream {
  return pretty({ destination, colorize, singleLine: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}

export function loggerOptions(config: AppConfig, name: string): Params {
  const options = httpLoggerOptions(config, name);
  return { pinoHttp: config.logFormat === 'pretty' ? [options, prettyStream()] : options };
}

function httpLoggerOptions(config: AppConfig, name: string): Options {
  return {
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
    // Probes and scrapes come every few seconds: a line each would drown the requests worth reading.
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || (req.url ?? '').startsWith(METRICS_PATH) },
  };
}
