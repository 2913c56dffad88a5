import type { AppConfig } from '@app/config';
import { PasswordCheckLimiter } from './password-check-limiter';

const limiter = (concurrency: number, queue: number) =>
  new PasswordCheckLimiter({ signIn: { passwordCheckConcurrency: concurrency, passwordCheckQueue: queue } } as AppConfig);

describe('PasswordCheckLimiter', () => {
  it('runs at most `concurrency` at once, queues up to `queue`, refuses the rest with 503', async () => {
    const l = limiter(2, 3);
    let running = 0;
    let peak = 0;
    const gate: Array<() => void> = [];
    const work = () =>
      l.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gate.push(resolve));
        running -= 1;
        return 'ok';
      });
    const results = Array.from({ length: 7 }, () => work().catch((e: { code: string; extras: { retryAfterSeconds: number } }) => `${e.code} ${e.extras.retryAfterSeconds}`));
    await new Promise((r) => setImmediate(r));
    while (gate.length) {
      gate.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'SERVICE_UNAVAILABLE 2', 'SERVICE_UNAVAILABLE 2']);
    expect(peak).toBe(2);
  });

  it('frees the slot when the work fails', async () => {
    const l = limiter(1, 0);
    await expect(l.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(l.run(async () => 'next')).resolves.toBe('next');
  });
});
