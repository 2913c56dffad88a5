import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, SecretBox, webhookSecretAad } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { WebhookEndpointEntity } from '@app/database';
import { EVENT_TYPES, isEventType } from '@app/events';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook-endpoint.input';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { checkWebhookUrl } from './webhook-url-policy';

const MAX_WEBHOOK_ENDPOINTS = 20;
const PREVIOUS_SECRET_HOURS = 24;

function newSecret(): string {
  return 'whsec_' + randomBytes(32).toString('base64');
}

/** Creating, changing and deleting a customer's webhook endpoints; their signing secrets sealed at rest. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(customerId: string, input: CreateWebhookEndpointInput): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const url = this.url(input.url);
    const events = this.events(input.events ?? [...EVENT_TYPES]);
    if ((await this.endpoints.count(customerId)) >= MAX_WEBHOOK_ENDPOINTS) {
      throw new DomainError('WEBHOOK_ENDPOINT_LIMIT', `A customer has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints: delete one first.`);
    }
    const id = randomUUID();
    const secret = newSecret();
    await this.endpoints.insert(customerId, {
      id, url, events, description: input.description ?? null, enabled: true,
      secretEncrypted: this.secrets.encrypt(secret, webhookSecretAad(customerId, id, 'secret')),
    });
    return { endpoint: await this.get(customerId, id), secret };
  }

  list(customerId: string): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.find(customerId, {}, { order: { createdAt: 'DESC' } });
  }

  async get(customerId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await this.endpoints.findOne(customerId, { id });
    if (!endpoint) throw new DomainError('NOT_FOUND', `No webhook endpoint ${id}`);
    return endpoint;
  }

  async update(customerId: string, id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpointEntity> {
    const current = await this.get(customerId, id);
    const patch: Partial<WebhookEndpointEntity> = {};
    if (input.url !== undefined) patch.url = this.url(input.url);
    if (input.events !== undefined) patch.events = this.events(input.events);
    if (input.description !== undefined) patch.description = input.description;
    if (input.enabled === true && !current.enabled) {
      Object.assign(patch, { enabled: true, disabledCode: null, disabledReason: null, disabledAt: null, failingSince: null });
    } else if (input.enabled === false && current.enabled) {
      Object.assign(patch, { enabled: false, disabledCode: 'disabled_by_customer', disabledReason: 'Disabled by the customer', disabledAt: new Date() });
    }
    if (Object.keys(patch).length > 0) await this.endpoints.update(customerId, { id }, patch);
    return this.get(customerId, id);
  }

  async delete(customerId: string, id: string): Promise<void> {
    if ((await this.endpoints.delete(customerId, { id })) === 0) throw new DomainError('NOT_FOUND', `No webhook endpoint ${id}`);
  }

  /** A new secret; the old one still signs for 24 h (receivers accept either while they switch). */
  async rotateSecret(customerId: string, id: string): Promise<string> {
    const current = await this.get(customerId, id);
    const old = this.secrets.decrypt(current.secretEncrypted, webhookSecretAad(customerId, id, 'secret'));
    const secret = newSecret();
    await this.endpoints.update(customerId, { id }, {
      secretEncrypted: this.secrets.encrypt(secret, webhookSecretAad(customerId, id, 'secret')),
      previousSecretEncrypted: this.secrets.encrypt(old, webhookSecretAad(customerId, id, 'previous_secret')),
      previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_HOURS * 3_600_000),
    });
    return secret;
  }

  private url(raw: string): string {
    const verdict = checkWebhookUrl(raw, this.config.webhooks);
    if (!verdict.ok) throw new DomainError('WEBHOOK_URL_NOT_ALLOWED', verdict.reason, { errors: [{ field: 'url', code: 'webhook_url_not_allowed', message: verdict.reason }] });
    return verdict.url;
  }

  private events(values: string[]): string[] {
    if (values.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'events must name at least one event type (omit it for all)', {
        errors: [{ field: 'events', code: 'empty', message: 'events must not be empty', allowed: EVENT_TYPES }],
      });
    }
    const unknown = values.find((v) => !isEventType(v));
    if (unknown !== undefined) {
      throw new DomainError('UNKNOWN_EVENT_TYPE', `Unknown event type "${unknown}"`, {
        errors: [{ field: 'events', code: 'unknown_event_type', message: `Unknown event type "${unknown}"`, value: unknown, allowed: EVENT_TYPES }],
      });
    }
    return [...new Set(values)];
  }
}
