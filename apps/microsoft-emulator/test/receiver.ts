import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers a validation handshake on a path. */
export type HandshakeMode = 'echo' | 'naive-decode' | 'wrong-body' | 'wrong-type' | 'error' | 'slow';

export interface ReceivedCall {
  path: string;
  /** The raw query string, exactly as sent. */
  rawQuery: string;
  contentType: string;
  text: string;
  body: any;
}

/** A subscriber's endpoint for the tests: answers handshakes (as told per path) and records every POST. */
export class Receiver {
  url = '';
  readonly calls: ReceivedCall[] = [];
  readonly modes = new Map<string, HandshakeMode>();
  slowMs = 1000;
  notificationStatus = 202;
  private server?: Server;
  private waiters: Array<() => void> = [];

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.read(req).then((text) => {
        const url = new URL(req.url ?? '/', 'http://receiver.invalid');
        const rawQuery = url.search.slice(1);
        this.calls.push({ path: url.pathname, rawQuery, contentType: String(req.headers['content-type'] ?? ''), text, body: parse(text) });
        this.waiters.splice(0).forEach((wake) => wake());
        const token = url.searchParams.get('validationToken');
        if (token === null) {
          res.writeHead(this.notificationStatus).end();
          return;
        }
        const mode = this.modes.get(url.pathname) ?? 'echo';
        const plain = { 'Content-Type': 'text/plain; charset=utf-8' };
        switch (mode) {
          case 'echo':
            return res.writeHead(200, plain).end(token);
          case 'naive-decode': {
            const raw = /(?:^|&)validationToken=([^&]*)/.exec(rawQuery)?.[1] ?? '';
            return res.writeHead(200, plain).end(decodeURIComponent(raw));
          }
          case 'wrong-body':
            return res.writeHead(200, plain).end(`${token}x`);
          case 'wrong-type':
            return res.writeHead(200, { 'Content-Type': 'application/json' }).end(token);
          case 'error':
            return res.writeHead(500, plain).end('boom');
          case 'slow':
            setTimeout(() => {
              if (!res.destroyed) res.writeHead(200, plain).end(token);
            }, this.slowMs);
            return;
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  clear(): void {
    this.calls.length = 0;
    this.modes.clear();
    this.notificationStatus = 202;
  }

  handshakes(path?: string): ReceivedCall[] {
    return this.calls.filter((c) => c.rawQuery.includes('validationToken=') && (!path || c.path === path));
  }

  notifications(path?: string): ReceivedCall[] {
    return this.calls.filter((c) => !c.rawQuery.includes('validationToken=') && (!path || c.path === path));
  }

  /** Waits until `count` notifications (not handshakes) reached `path`. */
  async waitForNotifications(count: number, path?: string, timeoutMs = 5000): Promise<ReceivedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.notifications(path).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} notifications at ${path ?? 'any path'}, got ${this.notifications(path).length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.notifications(path);
  }

  private async read(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
