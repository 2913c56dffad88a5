import type { ConnectionEntity } from '@app/database';
import { CONSUMERS_TENANT_ID } from '@app/microsoft';

/** What the API shows of a connection: metadata only, never a token. */
export function toConnectionView(c: ConnectionEntity) {
  return {
    id: c.id,
    connector: 'outlook-email' as const,
    endUser: { id: c.endUserId, email: c.endUserEmail, displayName: c.endUserDisplayName },
    account: {
      tenantId: c.msTenantId,
      objectId: c.msObjectId,
      label: c.msLabel,
      displayName: c.msDisplayName,
      type: c.msTenantId === CONSUMERS_TENANT_ID ? ('personal' as const) : ('work_or_school' as const),
    },
    scopes: c.scopes,
    /** The connector's scopes Microsoft did not grant: Graph calls needing them answer 403. */
    missingScopes: c.missingScopes ?? [],
    status: c.status,
    statusReason: c.statusReason,
    statusCode: c.statusCode,
    tokenExpiresAt: c.expiresAt?.toISOString() ?? null,
    nextRefreshAt: c.nextRefreshAt?.toISOString() ?? null,
    refreshFailures: c.refreshFailures,
    lastRefreshError: c.lastRefreshError,
    readCount: Number(c.readCount ?? 0),
    lastRefreshedAt: c.lastRefreshedAt?.toISOString() ?? null,
    lastReadAt: c.lastReadAt?.toISOString() ?? null,
    connectedAt: c.connectedAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export type ConnectionView = ReturnType<typeof toConnectionView>;
