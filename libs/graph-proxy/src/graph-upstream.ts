import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '@app/config';

export interface UpstreamRequest {
  method: string;
  /** Path and query, starting with `/v1.0/` or `/beta/` (checked by parseGraphPath). */
  pathAndQuery: string;
  headers: http.OutgoingHttpHeaders;
  /** A buffered body (replayable), a stream (sent once), or none. */
  body: Buffer | Readable | null;
  signal: AbortSignal;
}

/**
 * The call to Graph, with node:http(s) and one keep-alive agent: no dependency, and Node's own streams end to end, so
 * bodies flow both ways with backpressure (fetch would wrap them in web streams for nothing). The host, port and
 * protocol come from MICROSOFT_GRAPH_URL only, never from the request; redirects are not followed.
 */
@Injectable()
export class GraphUpstream implements OnModuleDestroy {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.base = new URL(config.microsoft.graphUrl);
    const secure = this.base.protocol === 'https:';
    this.client = secure ? https : http;
    this.agent = new (secure ? https.Agent : http.Agent)({ keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo' });
  }

  /** Graph's answer as soon as its head arrives; the body is left to stream. Rejects when Graph could not be reached. */
  send(req: UpstreamRequest): Promise<http.IncomingMessage> {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    return new Promise((resolve, reject) => {
      const outgoing = this.client.request({
        protocol: this.base.protocol,
        hostname: this.base.hostname,
        port: this.base.port || undefined,
        method: req.method,
        path: `${basePath}${req.pathAndQuery}`,
        headers: { ...req.headers, host: this.base.host },
        agent: this.agent,
        signal: req.signal,
        timeout: this.config.graphProxy.timeoutMs,
      });
      outgoing.once('response', resolve);
      outgoing.once('error', reject);
      outgoing.once('timeout', () => outgoing.destroy(new Error(`Graph did not answer within ${this.config.graphProxy.timeoutMs} ms`)));
      if (req.body === null) outgoing.end();
      else if (Buffer.isBuffer(req.body)) outgoing.end(req.body);
      else {
        req.body.pipe(outgoing);
        req.body.once('error', (error) => outgoing.destroy(error));
      }
    });
  }

  onModuleDestroy(): void {
    this.agent.destroy();
  }
}
