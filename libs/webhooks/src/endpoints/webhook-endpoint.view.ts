import type { WebhookEndpointEntity } from '@app/database';

/** An endpoint as the API shows it: never a secret (create and rotate-secret add it to their own answer). */
export function toWebhookEndpointView(e: WebhookEndpointEntity) {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    description: e.description,
    enabled: e.enabled,
    disabledCode: e.disabledCode,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    failingSince: e.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: e.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export type WebhookEndpointView = ReturnType<typeof toWebhookEndpointView>;
