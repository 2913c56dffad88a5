import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkScrapeToken, DomainError, Metrics, METRICS_PATH, writeProblem, writeScrape } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WorkerReadiness } from '../health/worker-readiness.service';

/**
 * The worker's only HTTP: a small node:http listener on WORKER_METRICS_PORT for Prometheus (/metrics, same token
 * rule as the API) and for orchestrators (/health/live, /health/ready). Closed first on shutdown, so nothing
 * probes a worker that is finishing its jobs.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHttpServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly readiness: WorkerReadiness,
  ) {}

  /** The port it listens on: the configured one, or the one the system chose for 0. */
  get port(): number | null {
    return (this.server?.address() as AddressInfo | null)?.port ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => void this.answer(req, res));
    const port = this.config.metrics.workerPort;
    await new Promise<void>((resolve, reject) => {
      const refuse = (error: Error) => reject(new Error(`The worker cannot listen on WORKER_METRICS_PORT ${port}: ${error.message}`));
      server.once('error', refuse);
      server.listen(port, '0.0.0.0', () => {
        server.off('error', refuse);
        resolve();
      });
    });
    this.server = server;
    this.logger.log({ port: this.port }, 'Worker metrics and health listening');
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Scrapers keep connections alive: close them, or close() would wait for them.
      server.closeAllConnections();
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (req.method !== 'GET') throw new DomainError('METHOD_NOT_ALLOWED', 'Only GET is served here.');
      switch (path) {
        case METRICS_PATH:
          checkScrapeToken(req, this.config.metrics.token);
          return await writeScrape(res, this.metrics);
        case '/health/live':
          return writeJson(res, { status: 'ok' });
        case '/health/ready':
          return await this.ready(res);
        default:
          throw DomainError.notFound('Route');
      }
    } catch (error) {
      writeProblem(res, error, { url: req.url, logger: this.logger });
    }
  }

  private async ready(res: ServerResponse): Promise<void> {
    const { ready, checks, failed } = await this.readiness.check();
    if (!ready) throw new DomainError('SERVICE_UNAVAILABLE', `The worker is not ready: ${failed.join(', ')} down.`, { failed, checks });
    writeJson(res, { status: 'ok', checks });
  }
}

function writeJson(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
