/**
 * `promise`, or a rejection after `ms`. Scrape-time reads and readiness probes use it: BullMQ's Redis connection
 * waits for ever while Redis is down, and a probe must answer "down", not hang with it.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]);
}
