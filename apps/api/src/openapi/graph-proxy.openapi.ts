import type { OpenAPIObject } from '@nestjs/swagger';

type PathItem = OpenAPIObject['paths'][string];

const DESCRIPTION =
  'Forwards the call to `{MICROSOFT_GRAPH_URL}/{path}` (path starting with `v1.0/` or `beta/`, query string kept) with the ' +
  "connection's access token, and answers as Graph did (status, headers less hop-by-hop ones and Set-Cookie, body), " +
  'plus `X-Latchkey-Attempts`. Bodies stream both ways. Authorization, Cookie, Host, hop-by-hop and `X-Latchkey-*` ' +
  'headers are not forwarded. A 429 is retried after its Retry-After (any method), 503 and 504 for GET, HEAD, PUT and ' +
  'DELETE, and a 401 InvalidAuthenticationToken after one token refresh, all within `X-Latchkey-Max-Wait`; past it the last ' +
  "Graph answer is returned as it was. At most 4 calls per connection are in flight at Graph (the others wait in line) and " +
  "at most 10,000 per 10 minutes. The proxy's own refusals are problems: 400 GRAPH_PATH_NOT_ALLOWED (traversal, another " +
  'host, no version), 400 VALIDATION_FAILED (X-Latchkey-Max-Wait), the token endpoint\'s codes (CONNECTION_NEEDS_REAUTH...), ' +
  '429 GRAPH_BUDGET_EXHAUSTED and GRAPH_CONCURRENCY_LIMITED (with Retry-After), 502 GRAPH_UNREACHABLE.';

function operation(method: string): PathItem['get'] {
  return {
    operationId: `GraphProxy_${method}`,
    summary: `${method.toUpperCase()} a Microsoft Graph path through the proxy`,
    description: DESCRIPTION,
    tags: ['graph proxy'],
    security: [{ apiKey: [] }],
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: 'The connection.' },
      { name: 'path', in: 'path', required: true, schema: { type: 'string' }, description: 'A Graph path such as v1.0/me/messages (it may contain slashes).', example: 'v1.0/me/messages' },
      {
        name: 'X-Latchkey-Max-Wait',
        in: 'header',
        required: false,
        schema: { type: 'number', minimum: 0, maximum: 60, default: 10 },
        description: 'Seconds the proxy may spend waiting (for a slot, Retry-After, backoff) before it returns the last answer.',
      },
    ],
    responses: {
      '200': {
        description: "Graph's answer as Graph sent it (any status and content type; JSON for most calls), with `X-Latchkey-Attempts` and Graph's `request-id`.",
        headers: {
          'X-Latchkey-Attempts': { description: 'Requests sent to Graph for this call, retries included.', schema: { type: 'integer' } },
          'request-id': { description: "Graph's request id of the last attempt.", schema: { type: 'string' } },
        },
        content: { 'application/json': { schema: { type: 'object', additionalProperties: true, description: "Graph's body." } } },
      },
    },
  } as PathItem['get'];
}

/** The proxy is answered before Nest (installGraphProxy), so its operations are described here rather than by a controller. */
export function graphProxyPaths(): Record<string, PathItem> {
  return {
    '/v1/connections/{id}/graph/{path}': {
      get: operation('get'),
      post: operation('post'),
      put: operation('put'),
      patch: operation('patch'),
      delete: operation('delete'),
    },
  };
}
