import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/** OWASP's scrypt floor is N=2^17 r=8 p=1 (128 MiB); 2^15 with r=8 (32 MiB, ~50-100 ms here) is the interactive compromise. */
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1, keylen: 32 };

/**
 * Console member passwords: scrypt (memory-hard), parameters stored with each hash as `scrypt$N$r$p$salt$hash`,
 * so they can be raised later and old hashes still verify.
 */
export class PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const { N, r, p, keylen } = DEFAULTS;
    const key = await scryptAsync(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem: 256 * N * r });
    return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !hash) return false;
    const expected = Buffer.from(hash, 'base64url');
    const N = Number(n);
    const key = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
      N,
      r: Number(r),
      p: Number(p),
      maxmem: 256 * N * Number(r),
    });
    return timingSafeEqual(key, expected);
  }

  /** Spends the same time as a real verification, so an unknown email cannot be told apart by timing. */
  async burn(password: string): Promise<void> {
    await this.verify(password, DUMMY_HASH);
  }
}

const DUMMY_HASH = `scrypt$${DEFAULTS.N}$${DEFAULTS.r}$${DEFAULTS.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32).toString('base64url')}`;
