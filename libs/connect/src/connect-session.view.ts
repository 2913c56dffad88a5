import type { ConnectSessionEntity } from '@app/database';

/** The answer to opening a connect session: the only time its token is shown. */
export function toConnectSessionCreatedView(session: Pick<ConnectSessionEntity, 'endUserId' | 'expiresAt'>, token: string, url: string) {
  return { token, url, expiresAt: session.expiresAt.toISOString(), endUserId: session.endUserId };
}

export type ConnectSessionCreatedView = ReturnType<typeof toConnectSessionCreatedView>;
