import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ADDRESS_NOT_ALLOWED, guardedLookup, isAlwaysDenied } from './address-policy';
import type { AttemptResult } from './finish-statement';
import { isSuccess, parseRetryAfter } from './retry-policy';
import type { WebhookSignatureHeaders } from './webhook-signer';

/** Read at most this much of an answer; keep the first LOG_BYTES for the delivery log. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const LOG_BYTES = 1024;
const USER_AGENT = 'Latchkey-Webhooks/1';

export interface SendOutcome {
  result: AttemptResult;
  /** What a Retry-After header asked for (seconds), when there was one. */
  retryAfterSeconds: number | null;
}

/**
 * POSTs one signed body. The agents judge the address actually connected to (after DNS), redirects are not followed,
 * the whole attempt has one deadline, and at most 64 KB of the answer is read. Neither the body nor the headers are
 * ever logged.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const policy = {
      keepAlive: true,
      allowPrivateIPAddress: config.webhooks.allowPrivateUrls,
      allowMetaIPAddress: false,
      lookup: guardedLookup,
    };
    this.httpAgent = new RequestFilteringHttpAgent(policy as never);
    this.httpsAgent = new RequestFilteringHttpsAgent(policy as never);
  }

  send(url: string, body: string, signature: WebhookSignatureHeaders): Promise<SendOutcome> {
    const started = performance.now();
    const fail = (error: string, httpStatus: number | null = null, responseBody: string | null = null): SendOutcome => ({
      result: { status: 'failed', httpStatus, error, durationMs: performance.now() - started, responseBody },
      retryAfterSeconds: null,
    });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return Promise.resolve(fail('address_not_allowed'));
    }
    const secure = target.protocol === 'https:';
    if (!secure && !(target.protocol === 'http:' && this.config.webhooks.allowInsecureUrls)) return Promise.resolve(fail('address_not_allowed'));
    if (isAlwaysDenied(target.hostname.replace(/^\[|\]$/g, ''))) return Promise.resolve(fail('address_not_allowed'));

    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      let status: number | null = null;
      let retryAfter: string | undefined;
      const kept: Buffer[] = [];
      let keptBytes = 0;
      let readBytes = 0;
      // Set once the request exists, read by done() before that (assigned later, so not const).
      // eslint-disable-next-line prefer-const
      let timer: NodeJS.Timeout | undefined;
      const done = (outcome: SendOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const answered = (): void => {
        const responseBody = kept.length ? logText(Buffer.concat(kept)) : null;
        if (status !== null && isSuccess(status)) {
          done({ result: { status: 'succeeded', httpStatus: status, error: null, durationMs: performance.now() - started, responseBody }, retryAfterSeconds: null });
          return;
        }
        const error = status !== null && status >= 300 && status < 400 ? 'redirect_not_followed' : 'http_status';
        done({ ...fail(error, status, responseBody), retryAfterSeconds: parseRetryAfter(retryAfter, new Date()) });
      };
      let req: http.ClientRequest;
      try {
        req = this.request(secure, target, body, signature, (res) => {
          status = res.statusCode ?? null;
          const h = res.headers['retry-after'];
          retryAfter = Array.isArray(h) ? h[0] : h;
          res.on('data', (chunk: Buffer) => {
            readBytes += chunk.length;
            if (keptBytes < LOG_BYTES) {
              const part = chunk.subarray(0, LOG_BYTES - keptBytes);
              kept.push(part);
              keptBytes += part.length;
            }
            if (readBytes > MAX_RESPONSE_BYTES) {
              res.destroy();
              answered();
            }
          });
          res.on('end', answered);
          res.on('error', () => answered());
          res.on('close', answered);
        });
      } catch (err) {
        // A request Node refuses to build (a header or URL it rejects) is a failed attempt, never a stuck lease.
        resolve(fail(errorCode(err as NodeJS.ErrnoException)));
        return;
      }
      timer = setTimeout(() => {
        done(fail('timeout', status));
        req.destroy();
      }, this.config.webhooks.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => done(fail(errorCode(err), status)));
      req.end(body);
    });
  }

  private request(secure: boolean, target: URL, body: string, signature: WebhookSignatureHeaders, onResponse: (res: http.IncomingMessage) => void) {
    return (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': USER_AGENT, ...signature },
      },
      onResponse,
    );
  }

  /** Closes the keep-alive sockets at shutdown. */
  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** The first KB as text a person can read and Postgres can store: invalid UTF-8 and NUL bytes replaced. */
export function logText(bytes: Buffer): string {
  return bytes.subarray(0, LOG_BYTES).toString('utf8').replaceAll('\u0000', '\uFFFD');
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

/** A transport error as a short machine code for the attempt log. */
export function errorCode(err: NodeJS.ErrnoException): string {
  const code = err.code ?? '';
  if (code === ADDRESS_NOT_ALLOWED || /is not allowed/.test(err.message)) return 'address_not_allowed';
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_NONAME') return 'dns_failed';
  if (TLS_CODES.test(code) || /ssl|tls|certificate/i.test(err.message)) return 'tls_error';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'network_error';
}
