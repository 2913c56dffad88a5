import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { DomainError, Metrics, writeProblem } from '@app/common';
import { ReadTracker, TokenService } from '@app/tokens';
import { ConnectionSemaphore, SlotRelease } from './connection-semaphore';
import { GraphCallsLog } from './graph-calls.log';
import { parseGraphPath } from './graph-path';
import { GraphUpstream } from './graph-upstream';
import { requestHeadersForGraph, responseHeadersFromGraph } from './proxy-headers';
import { RequestBudget } from './request-budget';
import { TokenCache } from './token-cache';
import { backoffMs, isRetryable, isRetryableWithoutAnswer, MAX_WAIT_HEADER, maxWaitMs, retryWaitMs } from './retry-policy';

/** Request bodies up to this size are read first, so a retry can send them again; larger ones stream through once. */
const REPLAYABLE_BODY_BYTES = 1024 * 1024;
/** Graph's error answers that may be retried are read whole (they are small JSON); beyond this one is answered as is. */
const ERROR_BODY_BYTES = 1024 * 1024;
/** The status recorded for a call whose caller went away before the answer started. */
const CLIENT_CLOSED = 499;

type TokenAnswer = Awaited<ReturnType<TokenService['forConnection']>>;

/** One call through the proxy, after the API key: the customer, the connection and the part of the URL after `/graph/`. */
export interface ProxyCall {
  customerId: string;
  connectionId: string;
  /** Path and query after `/v1/connections/{id}/graph/`, as sent. */
  target: string;
  requestId: string;
  req: IncomingMessage;
  res: ServerResponse;
}

/** What the call came to, for metrics and the recent-calls view. */
interface Tally {
  template: string;
  attempts: number;
  graphRequestId: string | null;
  /** The customer has no such connection: nothing to show in a recent-calls list (and no list to create). */
  unknownConnection: boolean;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The Graph proxy: forwards one call to MICROSOFT_GRAPH_URL with the connection's token, streaming both ways, inside
 * the connection's concurrency slot and request budget, retrying what Graph says may be retried within the caller's
 * X-Latchkey-Max-Wait. It answers the call itself, refusals included (as problems), and counts it once it is done.
 * Never logs a body, a token or a raw path.
 */
@Injectable()
export class GraphProxyService {
  private readonly logger = new Logger(GraphProxyService.name);
  private readonly tokenCache = new TokenCache();

  constructor(
    private readonly tokens: TokenService,
    private readonly reads: ReadTracker,
    private readonly semaphore: ConnectionSemaphore,
    private readonly budget: RequestBudget,
    private readonly upstream: GraphUpstream,
    private readonly calls: GraphCallsLog,
    private readonly metrics: Metrics,
  ) {}

  async handle(call: ProxyCall): Promise<void> {
    const { req, res } = call;
    const started = performance.now();
    const at = new Date().toISOString();
    const tally: Tally = { template: 'invalid', attempts: 0, graphRequestId: null, unknownConnection: false };
    const abort = new AbortController();
    let release: SlotRelease | null = null;
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
      release?.();
      this.count(call, tally, at, started);
    });
    try {
      const target = parseGraphPath(call.target);
      tally.template = target.template;
      const deadline = Date.now() + maxWaitMs(req.headers[MAX_WAIT_HEADER]);
      const body = await this.requestBody(req);
      // The token (Postgres), the budget and the slot (one round trip to Redis, auto-pipelined) at once: what the proxy
      // adds to a call is one wait, not three. A call refused for its token or budget, or whose caller left, stops
      // waiting in line at once; a slot taken for a call refused otherwise is given back when it ends.
      const refused = new AbortController();
      const [token, budgetWaitMs, slot] = await Promise.allSettled([
        this.token(call.customerId, call.connectionId).catch((error: unknown) => {
          refused.abort();
          throw error;
        }),
        this.budget.take(call.customerId, call.connectionId).then((waitMs) => {
          if (waitMs !== null) refused.abort();
          return waitMs;
        }),
        this.semaphore.acquire(call.customerId, call.connectionId, deadline, AbortSignal.any([abort.signal, refused.signal])),
      ]);
      if (slot.status === 'fulfilled') release = slot.value;
      // The caller left while the call waited: its 'close' has come and gone, so the slot is given back here.
      if (res.destroyed) release?.();
      for (const outcome of [token, budgetWaitMs, slot]) if (outcome.status === 'rejected') throw outcome.reason;
      if (budgetWaitMs.status === 'fulfilled' && budgetWaitMs.value !== null) throw budgetExhausted(budgetWaitMs.value);
      if (!release) {
        throw new DomainError('GRAPH_CONCURRENCY_LIMITED', 'This connection already has its Graph requests in flight and none finished within X-Latchkey-Max-Wait. Try again shortly.', {
          retryAfterSeconds: 1,
        });
      }
      if (res.destroyed) return;
      await this.forward(call, `${target.path}${target.query}`, body, (token as PromiseFulfilledResult<TokenAnswer>).value, deadline, tally, abort.signal);
    } catch (error) {
      tally.unknownConnection = error instanceof DomainError && error.code === 'NOT_FOUND';
      if (!(error instanceof DomainError)) this.logger.warn({ customerId: call.customerId, connectionId: call.connectionId, path: tally.template, error: (error as Error).message }, 'Graph proxy call failed');
      if (!res.headersSent) {
        res.setHeader('cache-control', 'no-store');
        res.setHeader('x-latchkey-attempts', String(tally.attempts));
      }
      writeProblem(res, error, { url: req.url, requestId: call.requestId, logger: this.logger });
      req.resume();
    }
  }

  private async forward(call: ProxyCall, pathAndQuery: string, body: Buffer | IncomingMessage | null, first: TokenAnswer, deadline: number, tally: Tally, signal: AbortSignal): Promise<void> {
    const { req, res } = call;
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = requestHeadersForGraph(req.headers);
    const replayable = !(body && !Buffer.isBuffer(body));
    let token = first;
    let refreshed = false;
    for (;;) {
      tally.attempts++;
      let answer: IncomingMessage;
      try {
        answer = await this.upstream.send({ method, pathAndQuery, headers: { ...headers, authorization: `Bearer ${token.accessToken}` }, body, signal });
      } catch (error) {
        if (signal.aborted) return;
        const wait = backoffMs(tally.attempts);
        if (replayable && isRetryableWithoutAnswer(method) && Date.now() + wait <= deadline && (await this.budget.take(call.customerId, call.connectionId)) === null) {
          await sleep(wait, signal);
          continue;
        }
        this.logger.warn({ customerId: call.customerId, connectionId: call.connectionId, path: tally.template, error: (error as Error).message }, 'Graph not reached');
        throw new DomainError('GRAPH_UNREACHABLE', 'Microsoft Graph could not be reached or did not answer in time.');
      }
      tally.graphRequestId = header(answer, 'request-id');
      const status = answer.statusCode ?? 502;
      const invalidToken = status === 401 && !refreshed;
      const retryable = isRetryable(status, method);
      if (!replayable || (!invalidToken && !retryable)) return this.stream(res, answer, tally, call.requestId);
      let errorBody: Buffer | null;
      try {
        errorBody = await readCapped(answer, ERROR_BODY_BYTES);
      } catch {
        // Graph's connection broke (or the caller left) in the middle of its error answer: a gateway error, not ours.
        if (signal.aborted) return;
        throw new DomainError('GRAPH_UNREACHABLE', 'Microsoft Graph broke off its answer.');
      }
      if (errorBody === null) throw new DomainError('GRAPH_UNREACHABLE', 'Microsoft Graph answered an error too large to read.');
      if (invalidToken && graphErrorCode(errorBody) === 'InvalidAuthenticationToken') {
        refreshed = true;
        token = await this.tokens.replacing(call.customerId, call.connectionId, token);
        this.tokenCache.set(call.customerId, call.connectionId, token);
        if ((await this.budget.take(call.customerId, call.connectionId)) === null) continue;
      } else if (retryable) {
        const wait = retryWaitMs(answer.headers['retry-after'], tally.attempts);
        if (Date.now() + wait <= deadline) {
          await sleep(wait, signal);
          if (signal.aborted) return;
          if ((await this.budget.take(call.customerId, call.connectionId)) === null) continue;
        }
      }
      return this.send(res, answer, errorBody, tally, call.requestId);
    }
  }

  /** The connection's token: the one read for a call in the last second, else the token endpoint's (counted as a read either way). */
  private async token(customerId: string, connectionId: string): Promise<TokenAnswer> {
    const cached = this.tokenCache.get(customerId, connectionId);
    if (cached) {
      this.reads.record(connectionId);
      return cached;
    }
    const answer = await this.tokens.forConnection(customerId, connectionId);
    this.tokenCache.set(customerId, connectionId, answer);
    return answer;
  }

  /** Graph's answer streamed through as it comes (backpressure both ways). */
  private async stream(res: ServerResponse, answer: IncomingMessage, tally: Tally, requestId: string): Promise<void> {
    res.writeHead(answer.statusCode ?? 502, { ...responseHeadersFromGraph(answer.headers), 'x-latchkey-attempts': String(tally.attempts), 'x-request-id': requestId });
    await pipeline(answer, res).catch(() => undefined);
  }

  /** Graph's answer already read (an error that was not retried). */
  private send(res: ServerResponse, answer: IncomingMessage, body: Buffer, tally: Tally, requestId: string): void {
    res.writeHead(answer.statusCode ?? 502, {
      ...responseHeadersFromGraph(answer.headers),
      'content-length': String(body.length),
      'x-latchkey-attempts': String(tally.attempts),
      'x-request-id': requestId,
    });
    res.end(body);
  }

  /** The body as a buffer when it is small enough to send again, the request stream when larger, null when none. */
  private async requestBody(req: IncomingMessage): Promise<Buffer | IncomingMessage | null> {
    const length = req.headers['content-length'];
    if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) return null;
    if (length === undefined || Number(length) > REPLAYABLE_BODY_BYTES) return req;
    const body = await readCapped(req, REPLAYABLE_BODY_BYTES);
    if (body === null) throw new DomainError('PAYLOAD_TOO_LARGE', 'The request body is longer than its Content-Length.');
    return body;
  }

  private count(call: ProxyCall, tally: Tally, at: string, started: number): void {
    const { req, res } = call;
    const seconds = (performance.now() - started) / 1000;
    const status = res.headersSent ? res.statusCode : CLIENT_CLOSED;
    const method = (req.method ?? 'GET').toUpperCase();
    this.metrics.graphProxyCall({ method, route: tally.template, status, attempts: tally.attempts, seconds });
    if (tally.unknownConnection) return;
    this.calls.record(call.customerId, call.connectionId, {
      at,
      method,
      path: tally.template,
      status,
      attempts: tally.attempts,
      durationMs: Math.round(seconds * 1000),
      graphRequestId: tally.graphRequestId,
      requestId: call.requestId,
    });
  }
}

function budgetExhausted(waitMs: number): DomainError {
  const retryAfterSeconds = Math.ceil(waitMs / 1000);
  return new DomainError('GRAPH_BUDGET_EXHAUSTED', `This connection used its Graph request budget; Graph would throttle the mailbox. Try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}

function header(message: IncomingMessage, name: string): string | null {
  const value = message.headers[name];
  return typeof value === 'string' ? value : null;
}

/** The stream's bytes, or null (and the stream destroyed) past `limit`. */
async function readCapped(stream: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function graphErrorCode(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : null;
  } catch {
    return null;
  }
}
