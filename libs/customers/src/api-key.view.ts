import type { ApiKeyEntity } from '@app/database';

/** An API key as answers show it: never the key or its hash. */
export interface ApiKeyView {
  id: string;
  name: string | null;
  prefix: string;
  status: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A key just created: the one answer that holds the secret. */
export interface CreatedApiKeyView extends ApiKeyView {
  secret: string;
}

export function toApiKeyView(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    status: key.revokedAt ? 'revoked' : 'active',
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function toCreatedApiKeyView(created: { entity: ApiKeyEntity; secret: string }): CreatedApiKeyView {
  return { ...toApiKeyView(created.entity), secret: created.secret };
}
