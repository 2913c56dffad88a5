import { createHash } from 'node:crypto';
import { AppConfig, EncryptionKey } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEV_OPERATOR_TOKEN = 'dev-operator-token';
/** Longest customer slug; the callback URL built from PUBLIC_URL must stay within Microsoft's 256 characters. */
export const MAX_SLUG_LENGTH = 40;
export const CALLBACK_PATH_PREFIX = '/oauth/callback/';

function devKey(label: string): Buffer {
  return createHash('sha256').update(`latchkey-insecure-development-${label}`).digest();
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Microsoft's rule for redirect URIs (and ours for origins): https, or plain http only on localhost / 127.0.0.1. */
export function isHttpsOrLocalhost(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'));
}

function parseUrl(
  name: string,
  value: string,
  problems: string[],
  protocols: string[],
): URL | null {
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must use ${protocols.join(' or ')} (got "${url.protocol}")`);
      return null;
    }
    return url;
  } catch {
    problems.push(`${name} is not a valid URL: "${value}"`);
    return null;
  }
}

function parseEncryptionKeys(raw: string, problems: string[]): EncryptionKey[] {
  const keys: EncryptionKey[] = [];
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    const material = sep > 0 ? entry.slice(sep + 1) : '';
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) {
      problems.push('ENCRYPTION_KEYS entries must look like "<keyId>:<base64 32-byte key>", keyId of 1-16 letters, digits, _ or -');
      continue;
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) {
      problems.push(`ENCRYPTION_KEYS key "${id}" must be 32 bytes, base64 encoded (generate one: openssl rand -base64 32)`);
      continue;
    }
    if (keys.some((k) => k.id === id)) {
      problems.push(`ENCRYPTION_KEYS key id "${id}" appears twice`);
      continue;
    }
    keys.push({ id, key });
  }
  if (keys.length === 0 && !problems.some((p) => p.startsWith('ENCRYPTION_KEYS'))) {
    problems.push('ENCRYPTION_KEYS holds no key');
  }
  return keys;
}

/**
 * Validates the environment once. Every problem is collected so that one failed boot names every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const nodeEnvRaw = get('NODE_ENV') ?? 'development';
  if (!['development', 'test', 'production'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, test or production (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = (['development', 'test', 'production'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development') as AppConfig['nodeEnv'];
  const production = nodeEnv === 'production';

  const portRaw = get('PORT') ?? '3000';
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (got "${portRaw}")`);

  const publicUrlRaw = get('PUBLIC_URL') ?? `http://localhost:${Number.isInteger(port) && port > 0 ? port : 3000}`;
  const publicUrl = parseUrl('PUBLIC_URL', publicUrlRaw, problems, ['https:', 'http:']);
  let normalizedPublicUrl = publicUrlRaw.replace(/\/+$/, '');
  if (publicUrl) {
    if (!isHttpsOrLocalhost(publicUrl)) {
      problems.push('PUBLIC_URL must be https: Microsoft accepts http redirect URIs only for localhost');
    }
    if (publicUrl.search || publicUrl.hash) problems.push('PUBLIC_URL must not have a query string or fragment');
    if (publicUrl.username || publicUrl.password) problems.push('PUBLIC_URL must not contain credentials');
    // Hosted routes, cookie paths and page links are all rooted at "/": a path prefix would silently break them.
    if (publicUrl.pathname.replace(/\/+$/, '') !== '') {
      problems.push(`PUBLIC_URL must be an origin without a path (got path "${publicUrl.pathname}"): serve Latchkey at the root of its own host, e.g. https://connect.example.com`);
    }
    normalizedPublicUrl = `${publicUrl.origin}${publicUrl.pathname}`.replace(/\/+$/, '');
    const longest = normalizedPublicUrl.length + CALLBACK_PATH_PREFIX.length + MAX_SLUG_LENGTH;
    if (longest > 256) {
      problems.push(`PUBLIC_URL is too long: callback URLs built from it could exceed Microsoft's 256-character limit (${longest})`);
    }
  }

  const databaseUrl = get('DATABASE_URL') ?? 'postgres://postgres@127.0.0.1:5432/latchkey';
  parseUrl('DATABASE_URL', databaseUrl, problems, ['postgres:', 'postgresql:']);
  const redisUrl = get('REDIS_URL') ?? 'redis://127.0.0.1:6379';
  parseUrl('REDIS_URL', redisUrl, problems, ['redis:', 'rediss:']);

  let operatorToken = get('OPERATOR_TOKEN');
  if (!operatorToken) {
    if (production) problems.push('OPERATOR_TOKEN is required in production');
    else {
      operatorToken = DEV_OPERATOR_TOKEN;
      warnings.push(`OPERATOR_TOKEN is not set: using the development token "${DEV_OPERATOR_TOKEN}"`);
    }
  } else if (operatorToken.length < 32 && production) {
    problems.push('OPERATOR_TOKEN must be at least 32 characters in production');
  }

  let encryptionKeys: EncryptionKey[] = [];
  const keysRaw = get('ENCRYPTION_KEYS');
  if (keysRaw) encryptionKeys = parseEncryptionKeys(keysRaw, problems);
  else if (production) problems.push('ENCRYPTION_KEYS is required in production (e.g. "k1:$(openssl rand -base64 32)")');
  else {
    encryptionKeys = [{ id: 'dev', key: devKey('encryption') }];
    warnings.push('ENCRYPTION_KEYS is not set: using an insecure development key');
  }

  let apiKeyPepper: Buffer = devKey('pepper');
  const pepperRaw = get('API_KEY_PEPPER');
  if (pepperRaw) {
    if (pepperRaw.length < 32) problems.push('API_KEY_PEPPER must be at least 32 characters');
    apiKeyPepper = Buffer.from(pepperRaw, 'utf8');
  } else if (production) problems.push('API_KEY_PEPPER is required in production (e.g. "$(openssl rand -base64 32)")');
  else warnings.push('API_KEY_PEPPER is not set: using an insecure development pepper');

  const loginUrl = (get('MICROSOFT_LOGIN_URL') ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const graphUrl = (get('MICROSOFT_GRAPH_URL') ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  for (const [name, value] of [['MICROSOFT_LOGIN_URL', loginUrl], ['MICROSOFT_GRAPH_URL', graphUrl]] as const) {
    const url = parseUrl(name, value, problems, production ? ['https:'] : ['https:', 'http:']);
    if (url && production && isLoopbackHost(url.hostname)) {
      problems.push(`${name} points at a local sandbox (${value}); production talks to Microsoft only`);
    }
  }

  const clientId = get('MICROSOFT_CLIENT_ID');
  const clientSecret = get('MICROSOFT_CLIENT_SECRET') ?? null;
  // The default app serves every customer's users, so its tenant is each connector's `tenant` (default common).
  if (get('MICROSOFT_TENANT_ID') !== undefined) {
    warnings.push("MICROSOFT_TENANT_ID is not used (remove it): the default app signs users in through each connector's tenant, \"common\" unless set");
  }
  if (clientId && !GUID.test(clientId)) problems.push('MICROSOFT_CLIENT_ID must be the Application (client) ID, a GUID');
  if (!clientId && clientSecret) problems.push('MICROSOFT_CLIENT_SECRET is set but MICROSOFT_CLIENT_ID is not');

  const logLevel = get('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const refresh = {
    leadSeconds: int('REFRESH_LEAD_SECONDS', 600, 0, 3000),
    jitterSeconds: int('REFRESH_JITTER_SECONDS', 60, 0, 600),
    sweepIntervalSeconds: int('REFRESH_SWEEP_INTERVAL_SECONDS', 15, 1, 600),
    sweepHorizonSeconds: int('REFRESH_SWEEP_HORIZON_SECONDS', 120, 1, 3600),
    fullSweepSeconds: int('REFRESH_FULL_SWEEP_SECONDS', 60, 1, 3600),
    concurrency: int('REFRESH_CONCURRENCY', 100, 1, 2000),
    leaseSeconds: int('REFRESH_LEASE_SECONDS', 30, 2, 600),
  };

  const signIn = {
    perIpPerMinute: int('SIGN_IN_LIMIT_PER_IP', 30, 1, 100_000),
    perEmailPerMinute: int('SIGN_IN_LIMIT_PER_EMAIL', 10, 1, 100_000),
    passwordCheckConcurrency: int('PASSWORD_CHECK_CONCURRENCY', 4, 1, 64),
    passwordCheckQueue: int('PASSWORD_CHECK_QUEUE', 32, 0, 10_000),
  };

  const connectAttemptRetentionDays = int('CONNECT_ATTEMPT_RETENTION_DAYS', 90, 1, 3650);

  const queuePrefix = get('QUEUE_PREFIX') ?? 'latchkey';
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(queuePrefix)) problems.push('QUEUE_PREFIX must be 1-32 letters, digits, _ or -');

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    nodeEnv,
    port,
    publicUrl: normalizedPublicUrl,
    databaseUrl,
    redisUrl,
    queuePrefix,
    operatorToken: operatorToken!,
    encryptionKeys,
    apiKeyPepper,
    microsoft: {
      loginUrl,
      graphUrl,
      defaultApp: clientId ? { clientId, clientSecret } : null,
    },
    refresh,
    signIn,
    connectAttemptRetentionDays,
    logLevel,
    warnings,
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
