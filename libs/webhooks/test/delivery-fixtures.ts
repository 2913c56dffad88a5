import { randomBytes, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import * as http from 'node:http';
import type { DataSource } from 'typeorm';
import { SecretBox, webhookSecretAad } from '@app/common';
import { EventsOutbox } from '@app/events';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local receiver: each path answers with its own handler; every request is recorded. */
export async function startReceiver(handlers: Record<string, http.RequestListener>) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const h = handlers[path];
      if (h) h(req, res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    hits: (path: string) => received.filter((r) => r.path === path).length,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export async function insertCustomer(db: DataSource): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO customers (id, name, slug) VALUES ($1, 'Webhooks', $2)`, [id, `wh-${id.slice(0, 8)}`]);
  return id;
}

export interface EndpointOptions {
  secret?: string;
  previousSecret?: string;
  failingSince?: Date;
  enabled?: boolean;
}

export async function insertEndpoint(db: DataSource, box: SecretBox, customerId: string, url: string, o: EndpointOptions = {}) {
  const id = randomUUID();
  const secret = o.secret ?? newSecret();
  await db.query(
    `INSERT INTO webhook_endpoints (id, customer_id, url, events, secret_encrypted, previous_secret_encrypted, previous_secret_expires_at, failing_since, enabled)
     VALUES ($1, $2, $3, '{webhook.test}', $4, $5, $6, $7, $8)`,
    [
      id,
      customerId,
      url,
      box.encrypt(secret, webhookSecretAad(customerId, id, 'secret')),
      o.previousSecret ? box.encrypt(o.previousSecret, webhookSecretAad(customerId, id, 'previous_secret')) : null,
      o.previousSecret ? new Date(Date.now() + 3_600_000) : null,
      o.failingSince ?? null,
      o.enabled ?? true,
    ],
  );
  return { id, secret };
}

export async function insertEvent(db: DataSource, customerId: string) {
  return new EventsOutbox().append(customerId, { type: 'webhook.test', data: { hello: 'world' } }, db.manager, true);
}
