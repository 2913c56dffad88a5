/**
 * Every metric Latchkey exposes: its name, help and labels, in one place (like redisKeys for Redis). Names never
 * change once shipped: dashboards and alerts are written against them. No label carries a customer or connection
 * id: their number is unbounded, and so would the series be.
 */
export const METRICS = {
  httpRequests: {
    name: 'latchkey_http_requests_total',
    help: 'HTTP requests answered, by method, route template (unmatched when no route matched) and status.',
    labelNames: ['method', 'route', 'status'],
  },
  httpRequestDuration: {
    name: 'latchkey_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template.',
    labelNames: ['method', 'route'],
  },
  tokenRequestDuration: {
    name: 'latchkey_token_request_duration_seconds',
    help: 'Time to answer a token request (both token routes), by outcome: served, refreshed, degraded or refused.',
    labelNames: ['outcome'],
  },
  refreshes: {
    name: 'latchkey_refreshes_total',
    help: 'Refreshes this process ran (the connector checked, Microsoft called unless the check stopped it), by outcome.',
    labelNames: ['outcome'],
  },
  graphProxyRequests: {
    name: 'latchkey_graph_proxy_requests_total',
    help: 'Graph proxy calls answered, by method, Graph path template (ids and query left out) and status.',
    labelNames: ['method', 'route', 'status'],
  },
  graphProxyAttempts: {
    name: 'latchkey_graph_proxy_attempts_total',
    help: 'Requests the Graph proxy sent to Graph (retries included), by method and path template: divided by requests_total, the attempts per call.',
    labelNames: ['method', 'route'],
  },
  graphProxyDuration: {
    name: 'latchkey_graph_proxy_duration_seconds',
    help: 'Time from a Graph proxy call arriving to its last byte answered (waits and retries included), by method and path template.',
    labelNames: ['method', 'route'],
  },
  refreshMicrosoftCall: {
    name: 'latchkey_refresh_microsoft_call_seconds',
    help: "Time of Microsoft's token endpoint answering a refresh grant (answers and failures alike).",
    labelNames: [],
  },
  refreshLag: {
    name: 'latchkey_refresh_lag_seconds',
    help: 'How late after its due time a worker started a refresh job.',
    labelNames: [],
  },
  mailNotifications: {
    name: 'latchkey_mail_notifications_total',
    help: 'Graph notification items received, by kind (change, lifecycle) and outcome: accepted, duplicate, client_state_mismatch, unknown_subscription, malformed.',
    labelNames: ['kind', 'outcome'],
  },
  queueJobs: {
    name: 'latchkey_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, delayed, active, failed), read when scraped.',
    labelNames: ['queue', 'state'],
  },
  connections: {
    name: 'latchkey_connections',
    help: 'Connections by status, read from Postgres when scraped (cached a few seconds).',
    labelNames: ['status'],
  },
  oldestDueRefreshAge: {
    name: 'latchkey_oldest_due_refresh_age_seconds',
    help: 'Age of the oldest active connection whose refresh is due and not done (connectors flagged misconfigured aside); 0 if none.',
    labelNames: [],
  },
  mailSubscriptions: {
    name: 'latchkey_mail_subscriptions',
    help: 'Graph mail subscriptions by status (pending, active, paused, failed), read from Postgres when scraped.',
    labelNames: ['status'],
  },
  oldestDueMailSubscriptionAge: {
    name: 'latchkey_oldest_due_mail_subscription_age_seconds',
    help: 'Age of the oldest mail subscription work due and not done (a renewal, a retry, a change to apply); 0 if none.',
    labelNames: [],
  },
} as const;

/** The token endpoint's outcomes: a stored token, one refreshed on the spot, a stored one while refreshing fails, an error answer. */
export const TOKEN_OUTCOMES = ['served', 'refreshed', 'degraded', 'refused'] as const;
export type TokenOutcome = (typeof TOKEN_OUTCOMES)[number];

/** What a refresh came to, as counted (TokenRefresher maps each of its outcomes to one). */
export const REFRESH_RESULTS = ['ok', 'transient', 'busy', 'needs_reauth', 'tenant_blocked', 'connector', 'key_unavailable', 'not_found'] as const;
export type RefreshResult = (typeof REFRESH_RESULTS)[number];

/** What became of one Graph notification item. */
export const MAIL_NOTIFICATION_OUTCOMES = ['accepted', 'duplicate', 'client_state_mismatch', 'unknown_subscription', 'malformed'] as const;
export type MailNotificationOutcome = (typeof MAIL_NOTIFICATION_OUTCOMES)[number];
export type MailNotificationKind = 'change' | 'lifecycle';

/** The BullMQ states queue_jobs reports. */
export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** The route label of a request no route matched: never the raw URL, whose values are unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Where both processes serve the exposition. */
export const METRICS_PATH = '/metrics';
