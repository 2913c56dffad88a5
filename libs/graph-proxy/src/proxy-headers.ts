import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** RFC 9110 hop-by-hop headers (and the HTTP/1 framing ones Node sets itself). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
/**
 * Never forwarded to Graph: credentials, the host, what could make Graph or a hop believe another origin or route
 * (X-Original-URL and X-Rewrite-URL re-route on IIS-style servers), and method overrides (the retry policy goes by
 * the method Graph runs: a GET overridden to POST must not be retried as a GET).
 */
const REQUEST_DROPPED = new Set([
  ...HOP_BY_HOP,
  'authorization',
  'cookie',
  'host',
  'expect',
  'forwarded',
  'x-real-ip',
  'x-original-url',
  'x-rewrite-url',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
  'x-request-id',
]);
/** Prefixes never forwarded: any Proxy-* (credentials for a hop), X-Forwarded-* and Latchkey's own control headers. */
const REQUEST_DROPPED_PREFIXES = ['proxy-', 'x-forwarded-', 'x-latchkey-'];
const RESPONSE_DROPPED = new Set([...HOP_BY_HOP, 'set-cookie']);

/** Headers named by the Connection header are hop-by-hop too. */
function connectionListed(headers: IncomingHttpHeaders): Set<string> {
  const value = headers.connection;
  return new Set((typeof value === 'string' ? value : '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean));
}

/** The caller's headers as Graph gets them: no credentials, host, hop-by-hop, routing or X-Latchkey-* control headers. */
export function requestHeadersForGraph(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionListed(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || REQUEST_DROPPED.has(name) || listed.has(name) || REQUEST_DROPPED_PREFIXES.some((p) => name.startsWith(p))) continue;
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
