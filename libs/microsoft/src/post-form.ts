import http from 'node:http';
import https from 'node:https';

/** Keep-alive connections to the identity platform, shared by every request of the process. */
const AGENTS: Record<string, http.Agent> = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 1024 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 1024 }),
};
/** A token answer is a few KB; anything far larger is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface FormAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

class PostTimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * POSTs an application/x-www-form-urlencoded body and reads the whole answer, within `timeoutMs` for the entire
 * exchange. node:http with a keep-alive agent rather than fetch: on the refresh path, fetch's streams and abort
 * signals cost the worker more CPU than the rest of the HTTP exchange (docs/benchmarks.md).
 */
export function postForm(url: string, form: string, timeoutMs: number): Promise<FormAnswer> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise<FormAnswer>((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method: 'POST',
        agent: AGENTS[target.protocol],
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'content-length': Buffer.byteLength(form) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`the answer exceeds ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      },
    );
    const timer = setTimeout(() => req.destroy(new PostTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end(form);
  });
}
