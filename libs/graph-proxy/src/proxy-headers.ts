import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** RFC 9110 hop-by-hop headers (and the HTTP/1 framing ones Node sets itself). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
/** Never forwarded to Graph: credentials, the host, and what could make Graph or a hop believe another origin. */
const REQUEST_DROPPED = new Set([...HOP_BY_HOP, 'authorization', 'cookie', 'host', 'expect', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-request-id']);
const RESPONSE_DROPPED = new Set([...HOP_BY_HOP, 'set-cookie']);

/** Headers named by the Connection header are hop-by-hop too. */
function connectionListed(headers: IncomingHttpHeaders): Set<string> {
  const value = headers.connection;
  return new Set((typeof value === 'string' ? value : '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean));
}

/** The caller's headers as Graph gets them: no credentials, host, hop-by-hop or X-Latchkey-* control headers. */
export function requestHeadersForGraph(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionListed(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || REQUEST_DROPPED.has(name) || listed.has(name) || name.startsWith('x-latchkey-')) continue;
    out[name] = value;
  }
  return out;
}

/** Graph's headers as the caller gets them: no hop-by-hop headers and no Set-Cookie. */
export function responseHeadersFromGraph(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionListed(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || RESPONSE_DROPPED.has(name) || listed.has(name)) continue;
    out[name] = value;
  }
  return out;
}
