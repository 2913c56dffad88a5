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
    /**
     * The Graph proxy's semaphore of one connection: leases held, tickets waiting (FIFO), waiters' liveness, the ticket
     * counter. The Graph proxy's keys are under the customer too: a call naming another customer's connection (answered
     * 404) never touches that connection's slots, budget or recent calls.
     */
    graphSlots: (customerId: string, connectionId: string) => ({
      held: `${prefix}:graph:slots:${customerId}:${connectionId}:held`,
      queue: `${prefix}:graph:slots:${customerId}:${connectionId}:queue`,
      alive: `${prefix}:graph:slots:${customerId}:${connectionId}:alive`,
      seq: `${prefix}:graph:slots:${customerId}:${connectionId}:seq`,
    }),
    /** The Graph proxy's request budget of one connection (a hash of per-bucket counts). */
    graphBudget: (customerId: string, connectionId: string) => `${prefix}:graph:budget:${customerId}:${connectionId}`,
    /** The recent Graph proxy calls of one connection (a capped list, newest first). */
    graphCalls: (customerId: string, connectionId: string) => `${prefix}:graph:calls:${customerId}:${connectionId}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
