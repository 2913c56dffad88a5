import type { HttpClient } from '../http-client.js';
import type { EventListQuery, EventPage, LatchkeyEvent, Redelivery } from '../types.js';

const path = (id: string) => `/v1/events/${encodeURIComponent(id)}`;

export class Events {
  constructor(private readonly http: HttpClient) {}

  list(query: EventListQuery = {}): Promise<EventPage> {
    return this.http.json('GET', '/v1/events', { query });
  }

  get(id: string): Promise<LatchkeyEvent> {
    return this.http.json('GET', path(id));
  }

  /** Sends the event again to one endpoint, or to every endpoint subscribed to its type. */
  redeliver(id: string, options: { endpointId?: string } = {}): Promise<Redelivery> {
    return this.http.json('POST', `${path(id)}/redeliver`, { body: options });
  }
}
