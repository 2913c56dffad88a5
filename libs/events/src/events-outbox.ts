import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EventEntity } from '@app/database';
import type { EventType } from './event-types';

export interface NewEvent {
  type: EventType;
  /** The connection it is about (the events API filters on it). */
  connectionId?: string | null;
  /** The event's `data`: views only (never a token or a secret). */
  data: Record<string, unknown>;
}

/**
 * The one writer of events: always inside the transaction of the change the event reports (a transactional
 * outbox), so a crash, a Redis flush or a rollback never leaves a change without its event or an event without its
 * change. The worker's relay turns unrelayed rows into deliveries.
 */
@Injectable()
export class EventsOutbox {
  /** Appends the event in `em`'s transaction; returns its stored row. `relayed`: no relay (a test's own delivery). */
  async append(customerId: string, event: NewEvent, em: EntityManager, relayed = false): Promise<EventEntity> {
    const row = em.getRepository(EventEntity).create({
      id: randomUUID(),
      customerId,
      type: event.type,
      connectionId: event.connectionId ?? null,
      data: event.data,
      relayedAt: relayed ? new Date() : null,
    });
    // TypeORM's insert types cannot take a jsonb Record; the row is the entity itself.
    await em.getRepository(EventEntity).insert(row as never);
    return row;
  }
}
