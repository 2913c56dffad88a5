import { DueJob, queueDueRows, SweepCursor } from './due-sweep';

describe('queueDueRows', () => {
  const now = Date.UTC(2026, 11, 7, 12, 0, 0);
  const rows: Array<DueJob<{ n: number }>> = Array.from({ length: 5 }, (_, n) => ({
    id: `id-${n}`,
    dueAt: new Date(now + (n - 2) * 1000),
    jobId: `job-${n}`,
    data: { n },
  }));

  it('pages with a keyset cursor and queues each row delayed until due (never negative) under its job id', async () => {
    const added: Array<{ name: string; data: { n: number }; opts: { jobId?: string; delay?: number } }> = [];
    const cursors: SweepCursor[] = [];
    const total = await queueDueRows<{ n: number }>({ addBulk: async (jobs) => void added.push(...jobs) }, 'job-name', 2, now, async (after) => {
      cursors.push(after);
      const from = after ? rows.findIndex((r) => r.id === after.id) + 1 : 0;
      return rows.slice(from, from + 2);
    });
    expect(total).toBe(5);
    expect(cursors).toEqual([null, { at: rows[1].dueAt, id: 'id-1' }, { at: rows[3].dueAt, id: 'id-3' }]);
    expect(added.map((j) => [j.name, j.opts.jobId, j.opts.delay, j.data.n])).toEqual([
      ['job-name', 'job-0', 0, 0],
      ['job-name', 'job-1', 0, 1],
      ['job-name', 'job-2', 0, 2],
      ['job-name', 'job-3', 1000, 3],
      ['job-name', 'job-4', 2000, 4],
    ]);
  });

  it('stops on an empty page without queueing anything', async () => {
    const addBulk = jest.fn();
    expect(await queueDueRows({ addBulk }, 'job-name', 2, now, async () => [])).toBe(0);
    expect(addBulk).not.toHaveBeenCalled();
  });
});
