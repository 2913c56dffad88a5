import type { HttpClient } from '../http-client.js';
import type { PutSettings, Settings } from '../types.js';

export class SettingsResource {
  constructor(private readonly http: HttpClient) {}

  get(): Promise<Settings> {
    return this.http.json('GET', '/v1/settings');
  }

  /** Replaces the allowed return origins (connect-session returnUrl and the popup's postMessage targets). */
  update(body: PutSettings): Promise<Settings> {
    return this.http.json('PUT', '/v1/settings', { body });
  }
}
