import type { AppConfig } from './app-config';
import { EnvReader } from './env-reader';

/** GRAPH_PROXY_*: the Graph proxy's per-connection limits, shaped to Outlook's per-app-per-mailbox ones by default. */
export function readGraphProxy(env: EnvReader): AppConfig['graphProxy'] {
  return {
    concurrency: env.int('GRAPH_PROXY_CONCURRENCY', 4, 1, 64),
    budget: env.int('GRAPH_PROXY_BUDGET', 10_000, 1, 1_000_000),
    budgetWindowSeconds: env.int('GRAPH_PROXY_BUDGET_WINDOW_SECONDS', 600, 10, 86_400),
    leaseSeconds: env.int('GRAPH_PROXY_LEASE_SECONDS', 30, 2, 600),
    timeoutMs: env.int('GRAPH_PROXY_TIMEOUT_SECONDS', 100, 1, 3600) * 1000,
  };
}
