import type { EntityManager } from 'typeorm';
import { ConnectionEventEntity } from '@app/database';

/** Appends to a connection's status history. */
export async function recordConnectionEvent(
  em: EntityManager,
  event: { customerId: string; connectionId: string; status: string; code?: string | null; reason?: string | null },
): Promise<void> {
  await em.insert(ConnectionEventEntity, {
    customerId: event.customerId,
    connectionId: event.connectionId,
    status: event.status,
    code: event.code ?? null,
    reason: event.reason ?? null,
  });
}
