import type { HttpClient } from '../http-client.js';
import type { ConnectSession, CreateConnectSession } from '../types.js';

export class ConnectSessions {
  constructor(private readonly http: HttpClient) {}

  /** A short-lived link to the hosted catalog for one end user; open `url` as a page or with @latchkey/connect. */
  create(body: CreateConnectSession): Promise<ConnectSession> {
    return this.http.json('POST', '/v1/connect-sessions', { body });
  }
}
