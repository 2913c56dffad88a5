import type { ConnectionEntity } from '@app/database';

/** The token endpoints' answer. */
export interface TokenAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  expiresIn: number;
  scopes: string[];
  connectionId: string;
  endUserId: string;
  account: { label: string | null; tenantId: string; objectId: string };
}

/** `accessToken`: the connection's access token, decrypted (the only answer that carries one). */
export function toTokenAnswerView(connection: ConnectionEntity, accessToken: string, now = Date.now()): TokenAnswer {
  const expiresAt = connection.expiresAt!;
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresAt: expiresAt.toISOString(),
    expiresIn: Math.floor((expiresAt.getTime() - now) / 1000),
    scopes: connection.scopes,
    connectionId: connection.id,
    endUserId: connection.endUserId,
    account: { label: connection.msLabel, tenantId: connection.msTenantId, objectId: connection.msObjectId },
  };
}
