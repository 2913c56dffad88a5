import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { boundCounter, boundHistogram } from './bound-series';
import { MAIL_NOTIFICATION_OUTCOMES, MailNotificationKind, MailNotificationOutcome, METRICS, REFRESH_RESULTS, RefreshResult, TOKEN_OUTCOMES, TokenOutcome } from './metric-names';

interface Observer {
  observe(value: number): void;
}

interface Tally {
  inc(): void;
}

/** One route's HTTP series: a request counter per status and a duration histogram, bound once and reused. */
interface HttpRouteSeries {
  record(status: number, seconds: number): void;
}

/** One Graph proxy call as counted. */
interface GraphProxyCall {
  method: string;
  /** The Graph path template (graphPathTemplate), never the raw path. */
  route: string;
  status: number;
  attempts: number;
  seconds: number;
}

/** Distinct Graph path templates counted; later ones are counted as `other`, so a caller cannot grow the series without bound. */
const MAX_GRAPH_ROUTES = 300;
const GRAPH_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const GRAPH_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const NOOP: Observer & Tally & HttpRouteSeries = { observe: () => undefined, inc: () => undefined, record: () => undefined };

/** From half a millisecond (a stored token) to the 15 s a Microsoft call may take on the request path. */
const REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15];
const MICROSOFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
/** A job starts within a second of its due time when all is well; an hour late means refreshes are falling behind expiry. */
const LAG_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * This process's metrics: one prom-client registry (the default process metrics included) and every counter and
 * histogram Latchkey observes, with their label children created once so a hot path only calls observe/inc.
 * Disabled (METRICS_ENABLED=false), every one of them is a no-op and the registry stays empty.
 * Gauges read at scrape time (queue depths, connections) belong to the process that can read them: the worker.
 */
export class Metrics {
  readonly registry = new Registry();
  /** Token requests by outcome, observed by TokenService (so both token routes count once each). */
  readonly tokenRequestSeconds: Readonly<Record<TokenOutcome, Observer>>;
  readonly refreshes: Readonly<Record<RefreshResult, Tally>>;
  readonly refreshMicrosoftCallSeconds: Observer = NOOP;
  readonly refreshLagSeconds: Observer = NOOP;
  /** Graph notification items by kind and outcome (a clientState mismatch is counted, never answered differently). */
  readonly mailNotifications: Readonly<Record<MailNotificationKind, Record<MailNotificationOutcome, { inc(n?: number): void }>>>;
  private readonly httpRequests: Counter<string> | null = null;
  private readonly httpDuration: Histogram<string> | null = null;
  private readonly routes = new Map<string, HttpRouteSeries>();
  private readonly graphRequests: Counter<string> | null = null;
  private readonly graphAttempts: Counter<string> | null = null;
  private readonly graphDuration: Histogram<string> | null = null;
  private readonly graphRoutes = new Set<string>();

  constructor(readonly enabled: boolean) {
    this.tokenRequestSeconds = fromEntries(TOKEN_OUTCOMES, () => NOOP);
    this.refreshes = fromEntries(REFRESH_RESULTS, () => NOOP);
    this.mailNotifications = { change: fromEntries(MAIL_NOTIFICATION_OUTCOMES, () => NOOP), lifecycle: fromEntries(MAIL_NOTIFICATION_OUTCOMES, () => NOOP) };
    if (!enabled) return;
    // Default process metrics keep their standard names (process_*, nodejs_*): the usual Node.js dashboards read them.
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpRequests = new Counter({ ...METRICS.httpRequests, labelNames: [...METRICS.httpRequests.labelNames], registers });
    this.httpDuration = new Histogram({ ...METRICS.httpRequestDuration, labelNames: [...METRICS.httpRequestDuration.labelNames], buckets: REQUEST_BUCKETS, registers });
    const token = new Histogram({ ...METRICS.tokenRequestDuration, labelNames: [...METRICS.tokenRequestDuration.labelNames], buckets: REQUEST_BUCKETS, registers });
    this.tokenRequestSeconds = fromEntries(TOKEN_OUTCOMES, (outcome) => boundHistogram(token, { outcome }));
    const refreshes = new Counter({ ...METRICS.refreshes, labelNames: [...METRICS.refreshes.labelNames], registers });
    this.refreshes = fromEntries(REFRESH_RESULTS, (outcome) => boundCounter(refreshes, { outcome }));
    this.refreshMicrosoftCallSeconds = new Histogram({ ...METRICS.refreshMicrosoftCall, labelNames: [], buckets: MICROSOFT_BUCKETS, registers });
    const mail = new Counter({ ...METRICS.mailNotifications, labelNames: [...METRICS.mailNotifications.labelNames], registers });
    const mailSeries = (kind: MailNotificationKind) =>
      fromEntries(MAIL_NOTIFICATION_OUTCOMES, (outcome) => {
        mail.inc({ kind, outcome }, 0);
        return mail.labels({ kind, outcome });
      });
    this.mailNotifications = { change: mailSeries('change'), lifecycle: mailSeries('lifecycle') };
    this.refreshLagSeconds = new Histogram({ ...METRICS.refreshLag, labelNames: [], buckets: LAG_BUCKETS, registers });
    this.graphRequests = new Counter({ ...METRICS.graphProxyRequests, labelNames: [...METRICS.graphProxyRequests.labelNames], registers });
    this.graphAttempts = new Counter({ ...METRICS.graphProxyAttempts, labelNames: [...METRICS.graphProxyAttempts.labelNames], registers });
    this.graphDuration = new Histogram({ ...METRICS.graphProxyDuration, labelNames: [...METRICS.graphProxyDuration.labelNames], buckets: GRAPH_BUCKETS, registers });
  }

  /** Counts one Graph proxy call (after its answer, off the hot path: prom-client's labelled children are fine here). */
  graphProxyCall(call: GraphProxyCall): void {
    if (!this.graphRequests || !this.graphAttempts || !this.graphDuration) return;
    const method = GRAPH_METHODS.has(call.method) ? call.method : 'OTHER';
    let route = call.route;
    if (!this.graphRoutes.has(route)) {
      if (this.graphRoutes.size >= MAX_GRAPH_ROUTES) route = 'other';
      else this.graphRoutes.add(route);
    }
    this.graphRequests.inc({ method, route, status: String(call.status) });
    this.graphAttempts.inc({ method, route }, call.attempts);
    this.graphDuration.observe({ method, route }, call.seconds);
  }

  /** The series of one route template (the same object on every call, so a caller may also keep it). */
  httpRoute(method: string, route: string): HttpRouteSeries {
    if (!this.httpRequests || !this.httpDuration) return NOOP;
    const key = `${method} ${route}`;
    let series = this.routes.get(key);
    if (!series) {
      series = routeSeries(this.httpRequests, boundHistogram(this.httpDuration, { method, route }), method, route);
      this.routes.set(key, series);
    }
    return series;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition in Prometheus' text format; gauges read their sources now. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

function routeSeries(requests: Counter<string>, duration: Observer, method: string, route: string): HttpRouteSeries {
  const byStatus = new Map<number, Tally>();
  return {
    record(status, seconds) {
      let count = byStatus.get(status);
      if (!count) {
        count = boundCounter(requests, { method, route, status: String(status) });
        byStatus.set(status, count);
      }
      count.inc();
      duration.observe(seconds);
    },
  };
}

function fromEntries<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, V>;
}
