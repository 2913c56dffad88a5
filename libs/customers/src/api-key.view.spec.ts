import type { ApiKeyEntity } from '@app/database';
import { toApiKeyView, toCreatedApiKeyView } from './api-key.view';

const key = (patch: Partial<ApiKeyEntity> = {}): ApiKeyEntity => ({
  id: 'k1',
  customerId: 'c1',
  name: 'backend',
  prefix: 'lk_sk_abcdef',
  keyHash: 'secret-hash',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  lastUsedAt: null,
  revokedAt: null,
  ...patch,
});

describe('toApiKeyView', () => {
  it('shows an active key without its hash or customer', () => {
    expect(toApiKeyView(key())).toEqual({
      id: 'k1',
      name: 'backend',
      prefix: 'lk_sk_abcdef',
      status: 'active',
      createdAt: '2026-01-01T00:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('marks a revoked key and shows its dates', () => {
    const view = toApiKeyView(key({ lastUsedAt: new Date('2026-01-02T00:00:00Z'), revokedAt: new Date('2026-01-03T00:00:00Z') }));
    expect(view).toMatchObject({ status: 'revoked', lastUsedAt: '2026-01-02T00:00:00.000Z', revokedAt: '2026-01-03T00:00:00.000Z' });
  });

  it('adds the secret only to a key just created', () => {
    expect(toCreatedApiKeyView({ entity: key(), secret: 'lk_sk_whole' })).toEqual({ ...toApiKeyView(key()), secret: 'lk_sk_whole' });
  });
});
