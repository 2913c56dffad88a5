import { withTimeout } from '@app/common';

type CheckState = { status: 'up' } | { status: 'down'; message: string };

export interface Readiness {
  ready: boolean;
  /** Every check by name, up or down with why. */
  checks: Record<string, CheckState>;
  /** The names of the checks that are down. */
  failed: string[];
}

/** Runs every probe at once, each given `timeoutMs`; a probe is up when it resolves, down when it throws or is late. */
export async function probeAll(probes: Record<string, () => Promise<unknown>>, timeoutMs: number): Promise<Readiness> {
  const names = Object.keys(probes);
  const results = await Promise.allSettled(names.map((name) => withTimeout(probes[name](), timeoutMs)));
  const checks: Record<string, CheckState> = {};
  results.forEach((result, i) => {
    checks[names[i]] = result.status === 'fulfilled' ? { status: 'up' } : { status: 'down', message: messageOf(result.reason) };
  });
  const failed = names.filter((name) => checks[name].status === 'down');
  return { ready: failed.length === 0, checks, failed };
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : 'failed';
}
