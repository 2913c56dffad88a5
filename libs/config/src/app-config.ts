export interface EncryptionKey {
  id: string;
  key: Buffer;
}

interface PlatformMicrosoftApp {
  clientId: string;
  clientSecret: string | null;
}

type LogFormat = 'pretty' | 'json';

/** Prometheus metrics: GET /metrics on the API, and the worker's own listener. */
interface MetricsSettings {
  /** False: nothing is observed or collected (no-op metrics) and /metrics answers 404; for the benchmark's comparison. */
  enabled: boolean;
  /** The bearer token a scraper sends (required in production); null leaves /metrics open (development and test). */
  token: string | null;
  /** The worker's listener for /metrics, /health/live and /health/ready; 0 = an ephemeral port (logged). */
  workerPort: number;
}

/** Webhook delivery (the worker) and the events log's retention. */
interface WebhookSettings {
  /** Delays before each retry after the first attempt (seconds); the delivery fails for good after the last. */
  retryScheduleSeconds: number[];
  /** Plain http and loopback URLs (never in production). */
  allowInsecureUrls: boolean;
  /** Private and loopback ranges (always outside production; in production only with WEBHOOK_ALLOW_PRIVATE_URLS=true). */
  allowPrivateUrls: boolean;
  /** One attempt's limit, connect to last byte (default 10 s). */
  timeoutMs: number;
  /** Deliveries in flight at once per worker process. */
  concurrency: number;
  /** Deliveries in flight at once to one endpoint, across every worker (a slow endpoint holds no more than this). */
  endpointConcurrency: number;
  /** How often the relay looks for new events (it loops at once while it finds full batches). */
  relayIntervalMs: number;
  /** An endpoint whose every attempt failed for this long is disabled (default 120 h, 5 days). */
  disableAfterFailingHours: number;
  /** Events (and their deliveries and attempts) are deleted after this many days (default 30). */
  eventRetentionDays: number;
}

/** The Graph proxy: what one connection may have in flight and send, across every API instance. */
interface GraphProxySettings {
  /** Requests in flight per connection (Outlook: 4 per app per mailbox); the rest wait in order. */
  concurrency: number;
  /** Requests per connection per budget window (Outlook: 10,000 per 10 minutes); beyond it the proxy answers 429 itself. */
  budget: number;
  budgetWindowSeconds: number;
  /** How long a concurrency slot outlives an API instance that died holding it (renewed while the call runs). */
  leaseSeconds: number;
  /** The longest Graph may take to start answering one attempt. */
  timeoutMs: number;
}

/** Graph change notifications for mail: where Graph calls, how subscriptions are kept alive, what is accepted. */
interface MailNotificationSettings {
  /** False in production when PUBLIC_URL is not https: Graph would refuse the endpoints, so the feature is refused. */
  available: boolean;
  /** {PUBLIC_URL}/graph/notifications */
  notificationUrl: string;
  /** {PUBLIC_URL}/graph/lifecycle */
  lifecycleUrl: string;
  /** The lifetime asked for each subscription (default 10,020 minutes: an hour below Graph's 10,080). */
  lifetimeMinutes: number;
  /** Renew this long before expiry (default a day; at most 90% of the lifetime left). */
  renewBeforeSeconds: number;
  /** How often the worker sweeps Postgres for subscriptions due for work. */
  sweepIntervalSeconds: number;
  /** How long an accepted notification's key is kept, so a redelivery within it makes no second event (default 24 h). */
  dedupHours: number;
  /** Larger notification bodies are refused (413). */
  maxBodyBytes: number;
}

/** The validated, typed configuration. Built once at boot by loadConfig(); nothing else reads process.env. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  publicUrl: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every BullMQ key, so tests and several deployments can share one Redis. */
  queuePrefix: string;
  operatorToken: string;
  /** First key encrypts; every key decrypts (rotation). */
  encryptionKeys: EncryptionKey[];
  apiKeyPepper: Buffer;
  microsoft: {
    loginUrl: string;
    graphUrl: string;
    defaultApp: PlatformMicrosoftApp | null;
  };
  refresh: {
    /** Refresh this long before expiry (default 600 s). */
    leadSeconds: number;
    /** Random spread subtracted from the due time, so a burst of connections does not refresh at once. */
    jitterSeconds: number;
    /** How often the worker sweeps Postgres for due connections. */
    sweepIntervalSeconds: number;
    /** Only connections due within this horizon are put in Redis: memory stays flat with the number of connections. */
    sweepHorizonSeconds: number;
    /**
     * A sweep enqueues only what became due since the previous one; every this often (default 60 s), and whenever
     * Redis lost its marker (flushed, restarted), it enqueues everything due again, to catch connections whose
     * schedule moved into a window already swept (a connector fixed, a job dropped after an unexpected error).
     */
    fullSweepSeconds: number;
    /** Refresh jobs processed at once by one worker process. */
    concurrency: number;
    /**
     * How long a refresh claim (the Redis lease on the connection, the BullMQ lock on its job) outlives a worker
     * that died holding it (default 30 s): after a crash, its refreshes are retried within about twice this.
     */
    leaseSeconds: number;
  };
  /** Console sign-in and invite acceptance: rate limits (per minute, shared across API instances through Redis) and scrypt bounds. */
  signIn: {
    perIpPerMinute: number;
    perEmailPerMinute: number;
    /** Password hashes checked at once per API process, so sign-in cannot starve the token endpoint of CPU. */
    passwordCheckConcurrency: number;
    /** Checks that may wait for a slot; beyond that the answer is 503 with Retry-After. */
    passwordCheckQueue: number;
  };
  /** Connect attempts (the per-customer log of connection tries) are deleted after this many days (default 90). */
  connectAttemptRetentionDays: number;
  logLevel: string;
  /** `pretty`: one readable line per entry (pino-pretty); `json`: JSON lines, what log collectors read. */
  logFormat: LogFormat;
  metrics: MetricsSettings;
  webhooks: WebhookSettings;
  graphProxy: GraphProxySettings;
  mailNotifications: MailNotificationSettings;
  /** Problems found with defaults (development only), logged once at boot. */
  warnings: string[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');
