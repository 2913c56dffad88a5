import type { Job } from 'bullmq';

/**
 * Seconds between when a job was to start (added, plus the delay it was added with: the sweeper's and the retries'
 * delays end at the connection's due time) and `startedAt`; 0 when early. From opts.delay, not job.delay, which
 * BullMQ zeroes when it promotes a delayed job.
 */
export function refreshLagSeconds(job: Pick<Job, 'timestamp' | 'opts'>, startedAt: number): number {
  return Math.max(0, startedAt - (job.timestamp + (job.opts.delay ?? 0))) / 1000;
}
