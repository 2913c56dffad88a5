import type { WebhookAttemptEntity } from '@app/database';
import { toEventId } from '@app/events';

/** One line of an endpoint's delivery log. */
export function toWebhookAttemptView(a: WebhookAttemptEntity) {
  return {
    id: a.id,
    deliveryId: a.deliveryId,
    eventId: toEventId(a.eventId),
    eventType: a.eventType,
    attempt: a.attempt,
    status: a.status,
    httpStatus: a.httpStatus,
    error: a.error,
    durationMs: a.durationMs,
    responseBody: a.responseBody,
    nextAttemptAt: a.nextAttemptAt?.toISOString() ?? null,
    attemptedAt: a.createdAt.toISOString(),
  };
}

export type WebhookAttemptView = ReturnType<typeof toWebhookAttemptView>;
