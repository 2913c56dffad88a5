import type { ConnectionEventEntity } from '@app/database';

/** One change in a connection's status history. */
export function toConnectionEventView(e: ConnectionEventEntity) {
  return { id: e.id, status: e.status, code: e.code, reason: e.reason, at: e.createdAt.toISOString() };
}

export type ConnectionEventView = ReturnType<typeof toConnectionEventView>;
