import { createHash } from 'node:crypto';
import { EncryptionKey } from './app-config';
import { EnvReader } from './env-reader';

const DEV_OPERATOR_TOKEN = 'dev-operator-token';

function devKey(label: string): Buffer {
  return createHash('sha256').update(`latchkey-insecure-development-${label}`).digest();
}

/** OPERATOR_TOKEN; undefined only with a problem (required in production). */
export function readOperatorToken(env: EnvReader, production: boolean): string | undefined {
  const operatorToken = env.get('OPERATOR_TOKEN');
  if (!operatorToken) {
    if (production) env.problems.push('OPERATOR_TOKEN is required in production');
    else {
      env.warnings.push(`OPERATOR_TOKEN is not set: using the development token "${DEV_OPERATOR_TOKEN}"`);
      return DEV_OPERATOR_TOKEN;
    }
  } else if (operatorToken.length < 32 && production) {
    env.problems.push('OPERATOR_TOKEN must be at least 32 characters in production');
  }
  return operatorToken;
}

/** ENCRYPTION_KEYS: the first key encrypts, every key decrypts. */
export function readEncryptionKeys(env: EnvReader, production: boolean): EncryptionKey[] {
  const keysRaw = env.get('ENCRYPTION_KEYS');
  if (keysRaw) return parseEncryptionKeys(keysRaw, env.problems);
  if (production) {
    env.problems.push('ENCRYPTION_KEYS is required in production (e.g. "k1:$(openssl rand -base64 32)")');
    return [];
  }
  env.warnings.push('ENCRYPTION_KEYS is not set: using an insecure development key');
  return [{ id: 'dev', key: devKey('encryption') }];
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

/** API_KEY_PEPPER, mixed into every API key hash. */
export function readApiKeyPepper(env: EnvReader, production: boolean): Buffer {
  const pepperRaw = env.get('API_KEY_PEPPER');
  if (pepperRaw) {
    if (pepperRaw.length < 32) env.problems.push('API_KEY_PEPPER must be at least 32 characters');
    return Buffer.from(pepperRaw, 'utf8');
  }
  if (production) env.problems.push('API_KEY_PEPPER is required in production (e.g. "$(openssl rand -base64 32)")');
  else env.warnings.push('API_KEY_PEPPER is not set: using an insecure development pepper');
  return devKey('pepper');
}
