import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * Each subscription's `clientState` (Graph echoes it in every notification): 32 random bytes, stored only as an
 * HMAC-SHA-256 under a key derived from API_KEY_PEPPER (its own HKDF label, so no other hash can be replayed as one).
 * Compared in constant time.
 */
@Injectable()
export class ClientStates {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.apiKeyPepper, Buffer.alloc(0), 'latchkey mail subscription clientState', 32));
  }

  /** A new clientState: 43 base64url characters (Graph allows 128). */
  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(clientState: string): Buffer {
    return createHmac('sha256', this.key).update(clientState, 'utf8').digest();
  }

  /** Whether `clientState` (as a notification carried it: untrusted) is the one whose hash is stored. */
  matches(clientState: unknown, storedHash: Buffer | null): boolean {
    if (typeof clientState !== 'string' || clientState.length > 128 || !storedHash) return false;
    const hash = this.hash(clientState);
    return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
  }
}
