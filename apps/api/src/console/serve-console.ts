import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '@app/common';

/** Where `npm run build:console` (Vite) writes the console: dist/console under the directory the API runs from. */
const CONSOLE_DIR = resolve(process.cwd(), 'dist', 'console');

/** The console is a same-origin SPA: no inline script or style, no third-party origin, never framed. */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the admin console under /console: hashed assets cached for a year, every other GET answered with index.html
 * (client-side routes), which is never cached so a deploy is picked up at once.
 */
export function serveConsole(app: NestExpressApplication, dir = CONSOLE_DIR): void {
  const index = join(dir, 'index.html');
  app.use('/console', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/console/assets/', immutable: true, maxAge: '365d', index: false, fallthrough: false });
  // Whatever serve-static refuses (missing, undecodable, traversing, too long) is simply not an asset: 404.
  app.use('/console/assets', (_err: unknown, _req: Request, _res: Response, next: NextFunction) => next(DomainError.notFound('Asset')));
  app.use('/console', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The admin console is not built. Run "npm run build" (or "npm run build:console").');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
