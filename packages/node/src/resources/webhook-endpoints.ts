import type { HttpClient } from '../http-client.js';
import type {
  CreateWebhookEndpoint,
  UpdateWebhookEndpoint,
  WebhookAttemptPage,
  WebhookDeliveriesQuery,
  WebhookEndpoint,
  WebhookEndpointCreated,
  WebhookSecret,
  WebhookTest,
} from '../types.js';

const path = (id: string) => `/v1/webhook-endpoints/${encodeURIComponent(id)}`;

export class WebhookEndpoints {
  constructor(private readonly http: HttpClient) {}

  /** The answer carries the endpoint's signing secret, this once. */
  create(body: CreateWebhookEndpoint): Promise<WebhookEndpointCreated> {
    return this.http.json('POST', '/v1/webhook-endpoints', { body });
  }

  async list(): Promise<WebhookEndpoint[]> {
    return (await this.http.json<{ data: WebhookEndpoint[] }>('GET', '/v1/webhook-endpoints')).data;
  }

  get(id: string): Promise<WebhookEndpoint> {
    return this.http.json('GET', path(id));
  }

  update(id: string, body: UpdateWebhookEndpoint): Promise<WebhookEndpoint> {
    return this.http.json('PATCH', path(id), { body });
  }

  delete(id: string): Promise<void> {
    return this.http.json('DELETE', path(id));
  }

  /** A new secret, answered once; the old one keeps signing beside it for 24 hours. */
  rotateSecret(id: string): Promise<WebhookSecret> {
    return this.http.json('POST', `${path(id)}/rotate-secret`);
  }

  /** Sends a webhook.test event now and answers how the endpoint responded. */
  test(id: string): Promise<WebhookTest> {
    return this.http.json('POST', `${path(id)}/test`);
  }

  deliveries(id: string, query: WebhookDeliveriesQuery = {}): Promise<WebhookAttemptPage> {
    return this.http.json('GET', `${path(id)}/deliveries`, { query });
  }
}
