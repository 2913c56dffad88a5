/**
 * The baseline the token endpoint is measured against: a bare node:http server doing the same single indexed
 * Postgres read (connection by id) plus AES-GCM decrypt, answering the same JSON. No framework, no auth, no logging.
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { SecretBox } from '@app/common';
import { loadConfig } from '@app/config';

const config = loadConfig(process.env);
const secrets = new SecretBox(config.encryptionKeys);
// The same pool size as the API's TypeORM data source.
const pool = new Pool({ connectionString: config.databaseUrl, max: 20 });
const ROUTE = /^\/v1\/connections\/([0-9a-f-]{36})\/token$/;

createServer(async (req, res) => {
  const match = ROUTE.exec(req.url ?? '');
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  try {
    const { rows } = await pool.query(
      `SELECT id, customer_id, end_user_id, access_token_encrypted, expires_at, scopes, ms_label, ms_tenant_id, ms_object_id
         FROM connections WHERE id = $1`,
      [match[1]],
    );
    const c = rows[0];
    if (!c) {
      res.writeHead(404).end();
      return;
    }
    const expiresAt = new Date(c.expires_at);
    const body = JSON.stringify({
      accessToken: secrets.decrypt(c.access_token_encrypted, `customer:${c.customer_id}:connection:${c.id}:access_token`),
      tokenType: 'Bearer',
      expiresAt: expiresAt.toISOString(),
      expiresIn: Math.floor((expiresAt.getTime() - Date.now()) / 1000),
      scopes: c.scopes,
      connectionId: c.id,
      endUserId: c.end_user_id,
      account: { label: c.ms_label, tenantId: c.ms_tenant_id, objectId: c.ms_object_id },
    });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(500).end();
  }
}).listen(Number(process.env.PORT), '127.0.0.1');
