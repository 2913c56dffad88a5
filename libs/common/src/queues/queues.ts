/** Queue and job names. Values never change once shipped: jobs already in Redis carry them. */
export const QUEUES = {
  system: 'system',
} as const;

export const JOBS = {
  heartbeat: 'heartbeat',
} as const;

/** Redis key where the worker records that it is alive (read by the API's readiness details). */
export const WORKER_HEARTBEAT_KEY = 'latchkey:worker:heartbeat';
export const WORKER_HEARTBEAT_EVERY_MS = 15_000;
