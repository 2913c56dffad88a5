import { Inject, Injectable } from '@nestjs/common';
import { SecretBox, webhookSecretAad } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { EventEntity, WebhookAttemptEntity } from '@app/database';
import { toEventEnvelope, toEventId } from '@app/events';
import { ClaimedDelivery, DeliveriesRepository } from './deliveries.repository';
import type { AttemptResult } from './finish-statement';
import { honoursRetryAfter, nextAttemptAt } from './retry-policy';
import { SigningSecrets, WebhookSigner } from './webhook-signer';
import { WebhookSender } from './webhook-sender';

/** The lease outlives the attempt's own timeout by this much (the finish writes after the answer). */
const LEASE_MARGIN_MS = 20_000;

export type AttemptOutcome =
  | { kind: 'succeeded'; attempt: WebhookAttemptEntity }
  | { kind: 'retry'; attempt: WebhookAttemptEntity; nextAttemptAt: Date }
  | { kind: 'failed'; attempt: WebhookAttemptEntity }
  | { kind: 'skipped'; reason: 'not_claimed' | 'endpoint_disabled' };

/**
 * Makes one attempt of one delivery: claim (the idempotency gate), sign, send, decide the retry, record. It does not
 * queue the retry: the worker's processor does (with WebhookQueue), and the API's test call never retries.
 */
@Injectable()
export class WebhookDeliverer {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly signer: WebhookSigner,
    private readonly sender: WebhookSender,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async attempt(customerId: string, deliveryId: string, attempt: number): Promise<AttemptOutcome> {
    const claimed = await this.deliveries.claim(customerId, deliveryId, attempt, this.config.webhooks.timeoutMs + LEASE_MARGIN_MS);
    if (!claimed) return { kind: 'skipped', reason: 'not_claimed' };
    if (!claimed.endpoint.enabled) {
      await this.deliveries.cancel(customerId, deliveryId);
      return { kind: 'skipped', reason: 'endpoint_disabled' };
    }
    const { result, retryAfterSeconds } = await this.send(claimed);
    const now = new Date();
    let deliveryStatus: 'succeeded' | 'pending' | 'failed' = 'succeeded';
    let next: Date | null = null;
    if (result.status === 'failed') {
      next =
        claimed.trigger === 'test' || result.httpStatus === 410
          ? null
          : nextAttemptAt(attempt, this.config.webhooks.retryScheduleSeconds, now, honoursRetryAfter(result.httpStatus) ? retryAfterSeconds : null);
      deliveryStatus = next ? 'pending' : 'failed';
    }
    const finished = await this.deliveries.finish(
      {
        customerId,
        deliveryId,
        endpointId: claimed.endpoint.id,
        eventId: claimed.event.id,
        eventType: claimed.event.type,
        attempt,
        result,
        deliveryStatus,
        nextAttemptAt: next,
        endpoint: { url: claimed.endpoint.url, failingSince: claimed.endpoint.failingSince },
      },
      now,
    );
    if (finished.deliveryStatus === 'succeeded') return { kind: 'succeeded', attempt: finished.attempt };
    if (finished.deliveryStatus === 'pending' && finished.nextAttemptAt) {
      return { kind: 'retry', attempt: finished.attempt, nextAttemptAt: finished.nextAttemptAt };
    }
    return { kind: 'failed', attempt: finished.attempt };
  }

  private async send(c: ClaimedDelivery): Promise<{ result: AttemptResult; retryAfterSeconds: number | null }> {
    let secrets: SigningSecrets;
    try {
      secrets = this.secretsOf(c);
    } catch {
      // A key missing from ENCRYPTION_KEYS: an attempt that could not be signed, retried like any failure.
      return { result: { status: 'failed', httpStatus: null, error: 'signing_failed', durationMs: 0, responseBody: null }, retryAfterSeconds: null };
    }
    const body = JSON.stringify(toEventEnvelope(c.event as EventEntity));
    const headers = this.signer.sign(toEventId(c.event.id), new Date(), body, secrets);
    return this.sender.send(c.endpoint.url, body, headers);
  }

  private secretsOf(c: ClaimedDelivery): SigningSecrets {
    const e = c.endpoint;
    const current = this.box.decrypt(e.secretEncrypted, webhookSecretAad(c.customerId, e.id, 'secret'));
    const rotating = e.previousSecretEncrypted && e.previousSecretExpiresAt && e.previousSecretExpiresAt.getTime() > Date.now();
    const previous = rotating ? this.box.decrypt(e.previousSecretEncrypted!, webhookSecretAad(c.customerId, e.id, 'previous_secret')) : null;
    return { current, previous };
  }
}
