import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from '@app/config';
import { DomainError } from '../errors/domain.error';

const VERSION = 'v1';
/** GCM tags are always written at 16 bytes; a shorter one is refused (truncated tags weaken the forgery bound). */
const TAG_BYTES = 16;

/**
 * A value sealed by a key that is not in ENCRYPTION_KEYS (removed too early, or a misconfigured instance).
 * A DomainError so that, uncaught, it still answers as a coded 503 problem telling the operator what to do.
 */
export class SecretKeyUnavailableError extends DomainError {
  constructor(readonly keyId: string) {
    super('ENCRYPTION_KEY_UNAVAILABLE', `A stored secret is sealed by encryption key "${keyId}", which is not configured: an operator must add it back to ENCRYPTION_KEYS.`, { keyId });
    this.name = 'SecretKeyUnavailableError';
  }
}

/**
 * AES-256-GCM with a fresh 96-bit IV per encryption. The associated data binds a ciphertext to its owner
 * (for example "connector:<id>:client_secret"): copied to another row, it no longer decrypts.
 * Stored form: v1.<keyId>.<iv>.<ciphertext>.<tag>, base64url parts.
 */
export class SecretBox {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: EncryptionKey[]) {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get activeKeyId(): string {
    return this.keys[0].id;
  }

  /** Whether a key id is configured (so a value sealed by it can be opened). */
  hasKey(keyId: string): boolean {
    return this.byId.has(keyId);
  }

  encrypt(plaintext: string, associatedData: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, id, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
  }

  decrypt(sealed: string, associatedData: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new Error('Unrecognised ciphertext format');
    const key = this.byId.get(parts[1]);
    if (!key) throw new SecretKeyUnavailableError(parts[1]);
    const tag = Buffer.from(parts[4], 'base64url');
    if (tag.length !== TAG_BYTES) throw new Error('Unrecognised ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2], 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(parts[3], 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Opens a value and seals it again under the active key, with the same associated data. */
  reseal(sealed: string, associatedData: string): string {
    return this.encrypt(this.decrypt(sealed, associatedData), associatedData);
  }

  /** The key id a stored value was sealed with, so a rotation job can find what to re-encrypt. */
  static keyIdOf(sealed: string): string | null {
    const parts = sealed.split('.');
    return parts.length === 5 ? parts[1] : null;
  }
}
