import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../errors/domain.error';
import { bearerToken } from '../http/bearer-token';
import { Metrics } from './metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Refuses a scrape without `Authorization: Bearer <METRICS_TOKEN>` when a token is configured (compared in constant
 * time: digests of equal length). Without a token (development and test only) /metrics is open.
 */
export function checkScrapeToken(req: Pick<IncomingMessage, 'headers'>, token: string | null): void {
  if (token === null) return;
  const given = bearerToken(req);
  if (given === null || !timingSafeEqual(digest(given), digest(token))) {
    throw new DomainError('UNAUTHENTICATED', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".', {
      headers: { 'WWW-Authenticate': 'Bearer realm="latchkey-metrics"' },
    });
  }
}

/** Answers a scrape: the exposition with the registry's content type, or 404 when metrics are turned off. */
export async function writeScrape(res: ServerResponse, metrics: Metrics): Promise<void> {
  if (!metrics.enabled) throw new DomainError('NOT_FOUND', 'Metrics are turned off (METRICS_ENABLED=false).');
  const body = await metrics.scrape();
  res.statusCode = 200;
  res.setHeader('Content-Type', metrics.contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
