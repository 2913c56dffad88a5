import type { EventEntity } from '@app/database';
import { toEventId } from './event-id';
import type { EventType } from './event-types';

/** What a webhook body and GET /v1/events/{id} carry. */
export function toEventEnvelope(e: EventEntity) {
  return { id: toEventId(e.id), type: e.type as EventType, createdAt: e.createdAt.toISOString(), data: e.data };
}

export type EventEnvelope = ReturnType<typeof toEventEnvelope>;
