import { AppConfig } from './app-config';
import { EnvReader } from './env-reader';
import { readLogFormat, readMetrics } from './observability-settings';
import { readMailNotifications } from './mail-notification-settings';
import { readWebhooks } from './webhook-settings';
import { readGraphProxy } from './graph-proxy-settings';
import { readApiKeyPepper, readEncryptionKeys, readOperatorToken } from './secret-settings';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Not UUID_RE from @app/common: @app/common imports @app/config, so this lib stays below it.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NODE_ENVS = ['development', 'test', 'production'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Longest customer slug; the callback URL built from PUBLIC_URL must stay within Microsoft's 256 characters. */
const MAX_SLUG_LENGTH = 40;
export const CALLBACK_PATH_PREFIX = '/oauth/callback/';

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Microsoft's rule for redirect URIs (and ours for origins): https, or plain http only on localhost / 127.0.0.1. */
export function isHttpsOrLocalhost(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'));
}

function readNodeEnv(env: EnvReader): AppConfig['nodeEnv'] {
  const nodeEnvRaw = env.get('NODE_ENV') ?? 'development';
  if (NODE_ENVS.includes(nodeEnvRaw)) return nodeEnvRaw as AppConfig['nodeEnv'];
  env.problems.push(`NODE_ENV must be development, test or production (got "${nodeEnvRaw}")`);
  return 'development';
}

function readPort(env: EnvReader): number {
  const portRaw = env.get('PORT') ?? '3000';
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) env.problems.push(`PORT must be a port number (got "${portRaw}")`);
  return port;
}

/** PUBLIC_URL without its trailing slashes: the origin every hosted page and OAuth callback is built from. */
function readPublicUrl(env: EnvReader, port: number): string {
  const publicUrlRaw = env.get('PUBLIC_URL') ?? `http://localhost:${Number.isInteger(port) && port > 0 ? port : 3000}`;
  const publicUrl = env.url('PUBLIC_URL', publicUrlRaw, ['https:', 'http:']);
  if (!publicUrl) return publicUrlRaw.replace(/\/+$/, '');
  const problems = env.problems;
  if (!isHttpsOrLocalhost(publicUrl)) {
    problems.push('PUBLIC_URL must be https: Microsoft accepts http redirect URIs only for localhost');
  }
  if (publicUrl.search || publicUrl.hash) problems.push('PUBLIC_URL must not have a query string or fragment');
  if (publicUrl.username || publicUrl.password) problems.push('PUBLIC_URL must not contain credentials');
  // Hosted routes, cookie paths and page links are all rooted at "/": a path prefix would silently break them.
  if (publicUrl.pathname.replace(/\/+$/, '') !== '') {
    problems.push(`PUBLIC_URL must be an origin without a path (got path "${publicUrl.pathname}"): serve Latchkey at the root of its own host, e.g. https://connect.example.com`);
  }
  const normalized = `${publicUrl.origin}${publicUrl.pathname}`.replace(/\/+$/, '');
  const longest = normalized.length + CALLBACK_PATH_PREFIX.length + MAX_SLUG_LENGTH;
  if (longest > 256) {
    problems.push(`PUBLIC_URL is too long: callback URLs built from it could exceed Microsoft's 256-character limit (${longest})`);
  }
  return normalized;
}

function readDatabaseUrl(env: EnvReader): string {
  const databaseUrl = env.get('DATABASE_URL') ?? 'postgres://postgres@127.0.0.1:5432/latchkey';
  env.url('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);
  return databaseUrl;
}

function readRedisUrl(env: EnvReader): string {
  const redisUrl = env.get('REDIS_URL') ?? 'redis://127.0.0.1:6379';
  env.url('REDIS_URL', redisUrl, ['redis:', 'rediss:']);
  return redisUrl;
}

/** Where Microsoft (or the local emulator, outside production) answers, and the platform's default Azure app. */
function readMicrosoft(env: EnvReader, production: boolean): AppConfig['microsoft'] {
  const loginUrl = (env.get('MICROSOFT_LOGIN_URL') ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const graphUrl = (env.get('MICROSOFT_GRAPH_URL') ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  for (const [name, value] of [['MICROSOFT_LOGIN_URL', loginUrl], ['MICROSOFT_GRAPH_URL', graphUrl]] as const) {
    const url = env.url(name, value, production ? ['https:'] : ['https:', 'http:']);
    if (url && production && isLoopbackHost(url.hostname)) {
      env.problems.push(`${name} points at a local sandbox (${value}); production talks to Microsoft only`);
    }
  }

  const clientId = env.get('MICROSOFT_CLIENT_ID');
  const clientSecret = env.get('MICROSOFT_CLIENT_SECRET') ?? null;
  // The default app serves every customer's users, so its tenant is each connector's `tenant` (default common).
  if (env.get('MICROSOFT_TENANT_ID') !== undefined) {
    env.warnings.push("MICROSOFT_TENANT_ID is not used (remove it): the default app signs users in through each connector's tenant, \"common\" unless set");
  }
  if (clientId && !GUID.test(clientId)) env.problems.push('MICROSOFT_CLIENT_ID must be the Application (client) ID, a GUID');
  if (!clientId && clientSecret) env.problems.push('MICROSOFT_CLIENT_SECRET is set but MICROSOFT_CLIENT_ID is not');
  return { loginUrl, graphUrl, defaultApp: clientId ? { clientId, clientSecret } : null };
}

function readLogLevel(env: EnvReader, nodeEnv: AppConfig['nodeEnv']): string {
  const logLevel = env.get('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    env.problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }
  return logLevel;
}

function readRefresh(env: EnvReader): AppConfig['refresh'] {
  return {
    leadSeconds: env.int('REFRESH_LEAD_SECONDS', 600, 0, 3000),
    jitterSeconds: env.int('REFRESH_JITTER_SECONDS', 60, 0, 600),
    sweepIntervalSeconds: env.int('REFRESH_SWEEP_INTERVAL_SECONDS', 15, 1, 600),
    sweepHorizonSeconds: env.int('REFRESH_SWEEP_HORIZON_SECONDS', 120, 1, 3600),
    fullSweepSeconds: env.int('REFRESH_FULL_SWEEP_SECONDS', 60, 1, 3600),
    concurrency: env.int('REFRESH_CONCURRENCY', 100, 1, 2000),
    leaseSeconds: env.int('REFRESH_LEASE_SECONDS', 30, 2, 600),
  };
}

function readSignIn(env: EnvReader): AppConfig['signIn'] {
  return {
    perIpPerMinute: env.int('SIGN_IN_LIMIT_PER_IP', 30, 1, 100_000),
    perEmailPerMinute: env.int('SIGN_IN_LIMIT_PER_EMAIL', 10, 1, 100_000),
    passwordCheckConcurrency: env.int('PASSWORD_CHECK_CONCURRENCY', 4, 1, 64),
    passwordCheckQueue: env.int('PASSWORD_CHECK_QUEUE', 32, 0, 10_000),
  };
}

function readQueuePrefix(env: EnvReader): string {
  const queuePrefix = env.get('QUEUE_PREFIX') ?? 'latchkey';
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(queuePrefix)) env.problems.push('QUEUE_PREFIX must be 1-32 letters, digits, _ or -');
  return queuePrefix;
}

/**
 * Validates the environment once. Every problem is collected so that one failed boot names every bad variable;
 * sections are read in a fixed order, so the problems are listed in that order.
 */
export function loadConfig(raw: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = new EnvReader(raw);
  const nodeEnv = readNodeEnv(env);
  const production = nodeEnv === 'production';
  const port = readPort(env);
  const publicUrl = readPublicUrl(env, port);
  const databaseUrl = readDatabaseUrl(env);
  const redisUrl = readRedisUrl(env);
  const operatorToken = readOperatorToken(env, production);
  const encryptionKeys = readEncryptionKeys(env, production);
  const apiKeyPepper = readApiKeyPepper(env, production);
  const microsoft = readMicrosoft(env, production);
  const logLevel = readLogLevel(env, nodeEnv);
  const refresh = readRefresh(env);
  const signIn = readSignIn(env);
  const connectAttemptRetentionDays = env.int('CONNECT_ATTEMPT_RETENTION_DAYS', 90, 1, 3650);
  const queuePrefix = readQueuePrefix(env);
  const logFormat = readLogFormat(env, nodeEnv);
  const metrics = readMetrics(env, nodeEnv);
  const webhooks = readWebhooks(env, nodeEnv);
  const graphProxy = readGraphProxy(env);
  const mailNotifications = readMailNotifications(env, nodeEnv, publicUrl);

  if (env.problems.length > 0) throw new ConfigError(env.problems);

  return {
    nodeEnv,
    port,
    publicUrl,
    databaseUrl,
    redisUrl,
    queuePrefix,
    operatorToken: operatorToken!,
    encryptionKeys,
    apiKeyPepper,
    microsoft,
    refresh,
    signIn,
    connectAttemptRetentionDays,
    logLevel,
    logFormat,
    metrics,
    webhooks,
    graphProxy,
    mailNotifications,
    warnings: env.warnings,
  };
}

/** For entry points: a bad environment stops the process with a message naming every bad variable. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
