import { graphScopeKey } from '@app/microsoft';

/** Never reported by Microsoft's `scope` (offline_access) or not about Graph (OpenID): not counted as missing. */
const NOT_REPORTED = new Set(['openid', 'profile', 'email', 'offline_access', '.default']);

/**
 * The connector's scopes Microsoft did not grant (its `scope` answer), compared case-insensitively and short versus
 * qualified with the configured Graph `resource` (graphResource of MICROSOFT_GRAPH_URL). A superset granted is fine.
 * An empty answer says nothing, so nothing is reported missing.
 */
export function missingScopes(wanted: string[], granted: string[], resource: string): string[] {
  if (granted.length === 0) return [];
  const key = (scope: string) => graphScopeKey(scope, resource);
  const have = new Set(granted.map(key));
  return wanted.filter((s) => !NOT_REPORTED.has(key(s)) && !have.has(key(s)));
}

/** Whether two missing-scope lists differ as sets (an event is recorded only when they do). */
export function sameScopes(a: string[], b: string[]): boolean {
  // Both lists are connector scope names (short), so case is the only difference to ignore.
  const x = new Set(a.map((s) => s.trim().toLowerCase()));
  const y = new Set(b.map((s) => s.trim().toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
}

/** The history event for a change of missing scopes. */
export function missingScopesEvent(missing: string[]): { status: string; code: string; reason: string } {
  return missing.length
    ? { status: 'active', code: 'scopes_missing', reason: `Microsoft did not grant ${missing.join(', ')}: Graph calls needing them answer 403 until the end user (or an admin) consents again.` }
    : { status: 'active', code: 'scopes_granted', reason: 'Every scope of the connector is granted now.' };
}
