import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain.error';
import { httpMetricsMiddleware, routeLabel } from './http-metrics.middleware';
import { Metrics } from './metrics';
import { checkScrapeToken } from './scrape';

/** The value of one sample line of an exposition, e.g. sample(text, 'x_total{outcome="ok"}'). */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('Metrics', () => {
  it('observes through label children bound once, every known outcome present from the start', async () => {
    const metrics = new Metrics(true);
    metrics.tokenRequestSeconds.served.observe(0.0004);
    metrics.tokenRequestSeconds.served.observe(0.002);
    metrics.refreshes.ok.inc();
    metrics.refreshMicrosoftCallSeconds.observe(0.3);
    metrics.refreshLagSeconds.observe(2);
    const text = await metrics.scrape();
    expect(sample(text, 'latchkey_token_request_duration_seconds_count{outcome="served"}')).toBe(2);
    expect(sample(text, 'latchkey_token_request_duration_seconds_bucket{le="0.0005",outcome="served"}')).toBe(1);
    expect(sample(text, 'latchkey_token_request_duration_seconds_count{outcome="refused"}')).toBe(0);
    expect(sample(text, 'latchkey_refreshes_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'latchkey_refreshes_total{outcome="transient"}')).toBe(0);
    expect(sample(text, 'latchkey_refresh_microsoft_call_seconds_count')).toBe(1);
    expect(sample(text, 'latchkey_refresh_lag_seconds_sum')).toBe(2);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('keeps one series object per route and one counter per status', async () => {
    const metrics = new Metrics(true);
    const route = metrics.httpRoute('GET', '/v1/connections/:id/token');
    expect(metrics.httpRoute('GET', '/v1/connections/:id/token')).toBe(route);
    route.record(200, 0.001);
    route.record(200, 0.002);
    route.record(404, 0.001);
    const text = await metrics.scrape();
    expect(sample(text, 'latchkey_http_requests_total{method="GET",route="/v1/connections/:id/token",status="200"}')).toBe(2);
    expect(sample(text, 'latchkey_http_requests_total{method="GET",route="/v1/connections/:id/token",status="404"}')).toBe(1);
    expect(sample(text, 'latchkey_http_request_duration_seconds_count{method="GET",route="/v1/connections/:id/token"}')).toBe(3);
  });

  it('METRICS_ENABLED=false: nothing is registered or observed', async () => {
    const metrics = new Metrics(false);
    metrics.tokenRequestSeconds.served.observe(1);
    metrics.refreshes.ok.inc();
    metrics.httpRoute('GET', '/x').record(200, 1);
    expect(metrics.registry.getMetricsAsArray()).toHaveLength(0);
    expect((await metrics.scrape()).trim()).toBe('');
  });

  it('separate instances keep separate registries (an API and a worker in one test process)', async () => {
    const a = new Metrics(true);
    const b = new Metrics(true);
    a.refreshes.ok.inc();
    expect(sample(await b.scrape(), 'latchkey_refreshes_total{outcome="ok"}')).toBe(0);
  });
});

describe('routeLabel', () => {
  it('is the matched route template, never the raw URL', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/v1/connections/:id' } } as never)).toBe('/v1/connections/:id');
    expect(routeLabel({ baseUrl: '/admin', route: { path: '/users/:id' } } as never)).toBe('/admin/users/:id');
    expect(routeLabel({ baseUrl: '' } as never)).toBe('unmatched');
    expect(routeLabel({ baseUrl: '', route: { path: '{/*splat}' } } as never)).toBe('unmatched');
    expect(routeLabel({ baseUrl: '/console', route: { path: /^\/x/ } } as never)).toBe('unmatched');
  });
});

describe('httpMetricsMiddleware', () => {
  const exchange = (path: string, route?: string) => {
    const res = Object.assign(new EventEmitter(), { statusCode: 201 }) as unknown as Response;
    const req = { path, method: 'POST', baseUrl: '', route: route ? { path: route } : undefined } as unknown as Request;
    return { req, res };
  };

  it('records a request when it finishes, by route template and status; scrapes are left out', async () => {
    const metrics = new Metrics(true);
    const middleware = httpMetricsMiddleware(metrics);
    const next = jest.fn() as NextFunction;
    const counted = exchange('/v1/customers/123', '/v1/customers/:id');
    middleware(counted.req, counted.res, next);
    (counted.res as unknown as EventEmitter).emit('finish');
    const scrape = exchange('/metrics');
    middleware(scrape.req, scrape.res, next);
    (scrape.res as unknown as EventEmitter).emit('finish');
    expect(next).toHaveBeenCalledTimes(2);
    const text = await metrics.scrape();
    expect(sample(text, 'latchkey_http_requests_total{method="POST",route="/v1/customers/:id",status="201"}')).toBe(1);
    expect(text).not.toContain('/v1/customers/123');
    expect(text).not.toContain('route="/metrics"');
  });
});

describe('checkScrapeToken', () => {
  const withAuth = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } });

  it('is open without a configured token', () => {
    expect(() => checkScrapeToken(withAuth(), null)).not.toThrow();
  });

  it('accepts the bearer token and refuses a missing or wrong one with UNAUTHENTICATED', () => {
    expect(() => checkScrapeToken(withAuth('Bearer s3cret'), 's3cret')).not.toThrow();
    for (const header of [undefined, 'Bearer wrong', 'Basic s3cret', 'Bearer s3cret2', 'Bearer ']) {
      try {
        checkScrapeToken(withAuth(header), 's3cret');
        fail(`accepted ${header}`);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('UNAUTHENTICATED');
        expect((error as DomainError).extras.headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="latchkey-metrics"' });
      }
    }
  });
});
