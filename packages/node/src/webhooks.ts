import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { LatchkeyEvent } from './types.js';

/** Node's IncomingHttpHeaders, a fetch Headers, or a plain record. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

const SIGNED_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];

function pick(headers: WebhookHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SIGNED_HEADERS) {
    let value: string | string[] | null | undefined;
    if (typeof (headers as Headers).get === 'function') value = (headers as Headers).get(name);
    else {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
      value = key === undefined ? undefined : (headers as Record<string, string | string[] | undefined>)[key];
    }
    if (Array.isArray(value)) value = value.join(' ');
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/**
 * Verifies a webhook request (Standard Webhooks: signature over the raw body, timestamp within 5 minutes) and answers
 * its event, or throws a WebhookVerificationError. Pass the raw body exactly as received, before any JSON parsing.
 */
function verify(rawBody: string | Buffer | Uint8Array, headers: WebhookHeaders, secret: string): LatchkeyEvent {
  const payload = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  const event = new Webhook(secret).verify(payload, pick(headers)) as LatchkeyEvent;
  if (!event || typeof event.id !== 'string' || typeof event.type !== 'string') throw new WebhookVerificationError('Not a Latchkey event');
  return event;
}

export const webhooks = { verify };
export { WebhookVerificationError };
