import type { AppConfig } from './app-config';
import { EnvReader } from './env-reader';

/** The port OpenTelemetry's Prometheus exporter listens on by default: scrape configs written for it fit. */
const DEFAULT_WORKER_METRICS_PORT = 9464;

/**
 * METRICS_ENABLED, METRICS_TOKEN and WORKER_METRICS_PORT. The token is required in production (metrics tell whoever reads them
 * how much traffic and how many connections there are); in development and test an unset token leaves /metrics open. Test workers
 * default to an ephemeral port, so parallel test processes never fight over one.
 */
export function readMetrics(env: EnvReader, nodeEnv: AppConfig['nodeEnv']): AppConfig['metrics'] {
  const enabled = env.bool('METRICS_ENABLED', true);
  const token = env.get('METRICS_TOKEN') ?? null;
  if (!token && nodeEnv === 'production') {
    env.problems.push('METRICS_TOKEN is required in production: the bearer token Prometheus sends to GET /metrics (e.g. "$(openssl rand -base64 32)")');
  }
  const workerPort = env.int('WORKER_METRICS_PORT', nodeEnv === 'test' ? 0 : DEFAULT_WORKER_METRICS_PORT, 0, 65535);
  return { enabled, token, workerPort };
}

/** LOG_FORMAT: readable lines while developing, JSON lines everywhere else unless told otherwise. */
export function readLogFormat(env: EnvReader, nodeEnv: AppConfig['nodeEnv']): AppConfig['logFormat'] {
  const raw = env.get('LOG_FORMAT');
  if (raw === undefined) return nodeEnv === 'development' ? 'pretty' : 'json';
  if (raw === 'pretty' || raw === 'json') return raw;
  env.problems.push(`LOG_FORMAT must be pretty or json (got "${raw}")`);
  return 'json';
}
