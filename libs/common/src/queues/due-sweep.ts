import type { JobsOptions } from 'bullmq';

/** A row of a sweep: due at `dueAt` (`id` orders rows due at the same time), queued as job `jobId` with `data`. */
export interface DueJob<D> {
  id: string;
  dueAt: Date;
  jobId: string;
  data: D;
}

export type SweepCursor = { at: Date; id: string } | null;

/** What a sweep needs of a BullMQ queue (a `Queue<D>` is one). */
interface BulkQueue<D> {
  addBulk(jobs: Array<{ name: string; data: D; opts: JobsOptions }>): Promise<unknown>;
}

/**
 * The one scheduler shape of everything Postgres schedules (token refreshes, mail subscription work): pages through
 * the due rows in (due time, id) order with a keyset cursor and queues each as a job delayed until it is due, under a
 * deterministic id, so a sweep repeated after a Redis flush, or run by a second worker, never doubles a job.
 * `page(after)` answers at most `pageSize` rows after the cursor. Returns how many rows were queued.
 */
export async function queueDueRows<D>(
  queue: BulkQueue<D>,
  jobName: string,
  pageSize: number,
  now: number,
  page: (after: SweepCursor) => Promise<Array<DueJob<D>>>,
): Promise<number> {
  let after: SweepCursor = null;
  let total = 0;
  for (;;) {
    const jobs = await page(after);
    if (jobs.length === 0) break;
    await queue.addBulk(jobs.map((j) => ({ name: jobName, data: j.data, opts: { jobId: j.jobId, delay: Math.max(0, j.dueAt.getTime() - now) } })));
    total += jobs.length;
    const last = jobs[jobs.length - 1];
    after = { at: last.dueAt, id: last.id };
    if (jobs.length < pageSize) break;
  }
  return total;
}
