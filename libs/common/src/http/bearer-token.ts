import type { IncomingMessage } from 'node:http';

/** The token of `Authorization: Bearer <token>`, or null: API keys, the operator token and the metrics token alike. */
export function bearerToken(req: Pick<IncomingMessage, 'headers'>): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
