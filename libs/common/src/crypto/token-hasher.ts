import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keyed hash for bearer secrets (API keys, connect-session tokens): HMAC-SHA-256 with a server pepper.
 * Fast on purpose (it runs on every request); the secrets hashed carry 256 bits of randomness, so a slow KDF adds nothing.
 */
export class TokenHasher {
  constructor(private readonly pepper: Buffer) {}

  hash(secret: string): string {
    return createHmac('sha256', this.pepper).update(secret, 'utf8').digest('base64url');
  }

  static generate(prefix: string, bytes = 32): string {
    return `${prefix}${randomBytes(bytes).toString('base64url')}`;
  }

  static safeEqual(a: string, b: string): boolean {
    const ab = Buffer.from(a);
    const bb = Buffer.from(b);
    return ab.length === bb.length && timingSafeEqual(ab, bb);
  }
}
