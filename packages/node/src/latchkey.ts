import { HttpClient, HttpClientOptions } from './http-client.js';
import { ConnectSessions } from './resources/connect-sessions.js';
import { Connections } from './resources/connections.js';
import { EndUsers } from './resources/end-users.js';
import { Events } from './resources/events.js';
import { SettingsResource } from './resources/settings.js';
import { WebhookEndpoints } from './resources/webhook-endpoints.js';
import { TokenCache } from './token-cache.js';
import { webhooks } from './webhooks.js';

export interface LatchkeyOptions extends Omit<HttpClientOptions, 'baseUrl'> {
  /** The Latchkey API's origin, e.g. https://latchkey.example.com (default http://localhost:3000). */
  baseUrl?: string;
  /** Reuse tokens in this process while they stay valid (default true). */
  tokenCache?: boolean;
}

/** The Latchkey API for a customer backend, authorised by one secret API key. */
export class Latchkey {
  readonly connectSessions: ConnectSessions;
  readonly connections: Connections;
  readonly endUsers: EndUsers;
  readonly webhookEndpoints: WebhookEndpoints;
  readonly events: Events;
  readonly settings: SettingsResource;
  readonly webhooks = webhooks;

  constructor(options: LatchkeyOptions) {
    const http = new HttpClient({ ...options, baseUrl: options.baseUrl ?? 'http://localhost:3000' });
    const cache = options.tokenCache === false ? null : new TokenCache();
    this.connectSessions = new ConnectSessions(http);
    this.connections = new Connections(http, cache);
    this.endUsers = new EndUsers(http, cache);
    this.webhookEndpoints = new WebhookEndpoints(http);
    this.events = new Events(http);
    this.settings = new SettingsResource(http);
  }
}
