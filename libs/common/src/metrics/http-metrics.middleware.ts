import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { METRICS_PATH, UNMATCHED_ROUTE } from './metric-names';
import { Metrics } from './metrics';

/**
 * The route template Express matched (`/v1/connections/:id`), or `unmatched`: never the raw URL. Express keeps the
 * last route a request went through; Nest mounts its middleware (the request logger) as a catch-all route
 * (`{/*splat}`), so a wildcard route is what a request that no controller matched last went through: unmatched too.
 */
export function routeLabel(req: Pick<Request, 'baseUrl' | 'route'>): string {
  const path: unknown = req.route?.path;
  return typeof path === 'string' && !path.includes('*') ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}

/**
 * Counts and times every request Express answers, labelled when it finishes (the route is known only then).
 * Scrapes of /metrics are left out; so are requests the client abandoned before the answer was sent.
 */
export function httpMetricsMiddleware(metrics: Metrics): RequestHandler {
  if (!metrics.enabled) return (_req: Request, _res: Response, next: NextFunction) => next();
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path === METRICS_PATH) return next();
    const started = performance.now();
    res.once('finish', () => metrics.httpRoute(req.method, routeLabel(req)).record(res.statusCode, (performance.now() - started) / 1000));
    next();
  };
}
