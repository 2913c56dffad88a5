import { requestHeadersForGraph, responseHeadersFromGraph } from './proxy-headers';

describe('Graph proxy headers', () => {
  it('forwards what the caller sent except credentials, host, hop-by-hop, Proxy-*, X-Forwarded-*, re-routing, method overrides and X-Latchkey-* headers', () => {
    const out = requestHeadersForGraph({
      authorization: 'Bearer lk_sk_secret',
      cookie: 'a=b',
      host: 'latchkey.example',
      connection: 'keep-alive, x-custom-hop',
      'x-custom-hop': '1',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'x-latchkey-max-wait': '5',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-prefix': '/admin',
      'x-forwarded-port': '8443',
      'x-real-ip': '10.0.0.1',
      'proxy-authorization': 'Basic c2VjcmV0',
      'proxy-x-anything': '1',
      'x-original-url': '/admin',
      'x-rewrite-url': '/admin',
      'x-http-method-override': 'DELETE',
      'x-http-method': 'DELETE',
      'x-method-override': 'DELETE',
      te: 'trailers',
      upgrade: 'websocket',
      'content-type': 'application/json',
      'content-length': '12',
      prefer: 'outlook.body-content-type="text"',
      'client-request-id': 'abc',
      consistencylevel: 'eventual',
    });
    expect(out).toEqual({
      'content-type': 'application/json',
      'content-length': '12',
      prefer: 'outlook.body-content-type="text"',
      'client-request-id': 'abc',
      consistencylevel: 'eventual',
    });
  });

  it('answers with Graph headers less hop-by-hop ones and Set-Cookie', () => {
    expect(
      responseHeadersFromGraph({ 'request-id': 'r1', 'client-request-id': 'c1', 'set-cookie': ['x=y'], connection: 'close', 'content-type': 'application/json', 'retry-after': '2' }),
    ).toEqual({ 'request-id': 'r1', 'client-request-id': 'c1', 'content-type': 'application/json', 'retry-after': '2' });
  });
});
