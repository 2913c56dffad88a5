/** Granted scopes, compact: the OIDC basics are implied and listed last. */
const BASICS = new Set(['offline_access', 'openid', 'profile', 'email']);

export function ScopeList({ scopes, compact = false }: { scopes: string[]; compact?: boolean }) {
  const main = scopes.filter((s) => !BASICS.has(s));
  const basics = scopes.filter((s) => BASICS.has(s));
  const shown = compact ? main : [...main, ...basics];
  return (
    <span className="scope-list" title={scopes.join(' ')}>
      {shown.map((s) => (
        <code key={s} className="chip">
          {s}
        </code>
      ))}
      {compact && basics.length > 0 && <span className="muted small nowrap">+{basics.length} sign-in</span>}
    </span>
  );
}
