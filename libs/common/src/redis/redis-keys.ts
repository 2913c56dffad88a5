/**
 * Every Redis key and channel name Latchkey uses, in one place, each under QUEUE_PREFIX like the BullMQ queues, so
 * deployments sharing one Redis never read each other's leases, marks or messages. Values never change once shipped:
 * a rename strands what a running version wrote.
 */
export function redisKeys(prefix: string) {
  return {
    /** The worker's liveness mark, read by the API's readiness details. */
    workerHeartbeat: `${prefix}:worker:heartbeat`,
    /** What the refresh sweeper has already enqueued (gone after a flush: the next sweep is a full one). */
    refreshSwept: `${prefix}:refresh:swept`,
    /** The refresh lease of one connection. */
    refreshLease: (connectionId: string) => `${prefix}:lock:refresh:${connectionId}`,
    /** A console sign-in throttle bucket (`tracker` is already hashed). */
    signInThrottle: (name: string, tracker: string) => `${prefix}:throttle:console:${name}:${tracker}`,
    /** Pub/sub: the hash of a revoked API key, so every API instance drops it from its cache at once. */
    apiKeyRevokedChannel: `${prefix}:api-keys:revoked`,
    /** The attempts in flight to one webhook endpoint (a sorted set of job ids scored by when their slot lapses). */
    webhookEndpointSlots: (endpointId: string) => `${prefix}:webhooks:slots:${endpointId}`,
    /** The Graph proxy's semaphore of one connection: leases held, tickets waiting (FIFO), waiters' liveness, the ticket counter. */
    graphSlots: (connectionId: string) => ({
      held: `${prefix}:graph:slots:${connectionId}:held`,
      queue: `${prefix}:graph:slots:${connectionId}:queue`,
      alive: `${prefix}:graph:slots:${connectionId}:alive`,
      seq: `${prefix}:graph:slots:${connectionId}:seq`,
    }),
    /** The Graph proxy's request budget of one connection (a hash of per-bucket counts). */
    graphBudget: (connectionId: string) => `${prefix}:graph:budget:${connectionId}`,
    /** The recent Graph proxy calls of one connection (a capped list, newest first). */
    graphCalls: (connectionId: string) => `${prefix}:graph:calls:${connectionId}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
