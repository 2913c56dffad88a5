import { SecretBox, SecretKeyUnavailableError } from './secret-box';

const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };

describe('SecretBox', () => {
  it('round-trips with a fresh IV each time and records the key id', () => {
    const box = new SecretBox([k1]);
    const a = box.encrypt('s3cret', 'owner-1');
    const b = box.encrypt('s3cret', 'owner-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(SecretBox.keyIdOf(a)).toBe('k1');
    expect(box.decrypt(a, 'owner-1')).toBe('s3cret');
  });

  it('refuses another owner (associated data) and tampering', () => {
    const box = new SecretBox([k1]);
    const sealed = box.encrypt('s3cret', 'owner-1');
    expect(() => box.decrypt(sealed, 'owner-2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x').toString('base64url') + parts[3].slice(2);
    expect(() => box.decrypt(parts.join('.'), 'owner-1')).toThrow();
  });

  it('decrypts with older keys after rotation and encrypts with the newest', () => {
    const old = new SecretBox([k1]).encrypt('s3cret', 'o');
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.decrypt(old, 'o')).toBe('s3cret');
    expect(SecretBox.keyIdOf(rotated.encrypt('s3cret', 'o'))).toBe('k2');
    expect(() => new SecretBox([k2]).decrypt(old, 'o')).toThrow(/k1/);
  });

  it('throws a typed, coded error for a value sealed by a key that is not configured', () => {
    const old = new SecretBox([k1]).encrypt('s3cret', 'o');
    const error = (() => {
      try {
        new SecretBox([k2]).decrypt(old, 'o');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SecretKeyUnavailableError);
    expect(error).toMatchObject({ code: 'ENCRYPTION_KEY_UNAVAILABLE', keyId: 'k1' });
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('refuses a truncated GCM tag, which would otherwise be accepted with a weaker check', () => {
    const box = new SecretBox([k1]);
    const parts = box.encrypt('s3cret', 'o').split('.');
    for (const bytes of [4, 8, 12, 15]) {
      const short = [...parts.slice(0, 4), Buffer.from(parts[4], 'base64url').subarray(0, bytes).toString('base64url')].join('.');
      expect(() => box.decrypt(short, 'o')).toThrow();
    }
  });

  it('reseals under the active key with the same associated data', () => {
    const old = new SecretBox([k1]).encrypt('s3cret', 'o');
    const rotated = new SecretBox([k2, k1]);
    const resealed = rotated.reseal(old, 'o');
    expect(SecretBox.keyIdOf(resealed)).toBe('k2');
    expect(new SecretBox([k2]).decrypt(resealed, 'o')).toBe('s3cret');
    expect(() => rotated.decrypt(resealed, 'other')).toThrow();
  });
});
