import { Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';

export interface SigningSecrets {
  /** `whsec_...`. */
  current: string;
  /** The secret before the last rotation, while it still signs. */
  previous?: string | null;
}

export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks signatures: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`; during a rotation the previous
 * secret signs too (current first, space-separated), so a receiver that has either secret verifies.
 */
@Injectable()
export class WebhookSigner {
  sign(msgId: string, at: Date, body: string, secrets: SigningSecrets): WebhookSignatureHeaders {
    const signatures = [new Webhook(secrets.current).sign(msgId, at, body)];
    if (secrets.previous) signatures.push(new Webhook(secrets.previous).sign(msgId, at, body));
    return {
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatures.join(' '),
    };
  }
}
