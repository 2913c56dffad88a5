import type { AppConfig } from './app-config';
import { EnvReader } from './env-reader';

/** Svix's schedule after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
const DEFAULT_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];

/**
 * WEBHOOK_* and EVENT_RETENTION_DAYS. URLs: https everywhere; plain http and loopback outside production (development
 * and the tests' local receivers); private ranges in production only with WEBHOOK_ALLOW_PRIVATE_URLS=true.
 */
export function readWebhooks(env: EnvReader, nodeEnv: AppConfig['nodeEnv']): AppConfig['webhooks'] {
  const raw = env.get('WEBHOOK_RETRY_SCHEDULE');
  let retryScheduleSeconds = DEFAULT_RETRY_SCHEDULE;
  if (raw !== undefined) {
    const parts = raw.split(',').map((p) => p.trim());
    const values = parts.map(Number);
    if (parts.length === 0 || parts.length > 20 || values.some((v, i) => parts[i] === '' || !Number.isFinite(v) || v < 0 || v > 7 * 86_400)) {
      env.problems.push(`WEBHOOK_RETRY_SCHEDULE must be a comma-separated list of 1-20 delays in seconds, each 0-604800 (got "${raw}")`);
    } else retryScheduleSeconds = values;
  }
  const production = nodeEnv === 'production';
  return {
    retryScheduleSeconds,
    allowInsecureUrls: !production,
    allowPrivateUrls: !production || env.bool('WEBHOOK_ALLOW_PRIVATE_URLS', false),
    timeoutMs: env.int('WEBHOOK_TIMEOUT_SECONDS', 10, 1, 60) * 1000,
    concurrency: env.int('WEBHOOK_CONCURRENCY', 200, 1, 5000),
    endpointConcurrency: env.int('WEBHOOK_ENDPOINT_CONCURRENCY', 20, 1, 1000),
    relayIntervalMs: env.int('WEBHOOK_RELAY_INTERVAL_MS', 200, 10, 60_000),
    disableAfterFailingHours: env.int('WEBHOOK_DISABLE_AFTER_FAILING_HOURS', 120, 1, 24 * 365),
    eventRetentionDays: env.int('EVENT_RETENTION_DAYS', 30, 1, 3650),
  };
}
