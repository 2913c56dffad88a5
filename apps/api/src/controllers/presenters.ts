import type { ApiKeyEntity, CustomerEntity } from '@app/database';

export function presentApiKey(key: ApiKeyEntity) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    status: key.revokedAt ? ('revoked' as const) : ('active' as const),
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function presentCustomer(customer: CustomerEntity) {
  return {
    id: customer.id,
    name: customer.name,
    slug: customer.slug,
    createdAt: customer.createdAt.toISOString(),
  };
}
