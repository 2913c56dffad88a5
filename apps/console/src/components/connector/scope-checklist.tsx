import type { ScopeDefinition } from '../../api/types';
import { OFFLINE_ACCESS } from '../../lib/connector-form';
import { FieldError } from '../field';

interface Props {
  catalog: ScopeDefinition[];
  selected: string[];
  onChange: (scopes: string[]) => void;
  error?: string;
}

const OFFLINE_ACCESS_REASON = 'Required: without it Microsoft returns no refresh token, so Latchkey could not keep tokens fresh.';

function groupsOf(catalog: ScopeDefinition[]): Array<[string, ScopeDefinition[]]> {
  const groups = new Map<string, ScopeDefinition[]>();
  for (const scope of catalog) groups.set(scope.group, [...(groups.get(scope.group) ?? []), scope]);
  return [...groups.entries()];
}

/** Delegated Graph permissions by group; offline_access is always on and says why. */
export function ScopeChecklist({ catalog, selected, onChange, error }: Props) {
  const chosen = new Set(selected.map((s) => s.toLowerCase()));
  const known = new Set(catalog.map((s) => s.name.toLowerCase()));
  const extra = selected.filter((s) => !known.has(s.toLowerCase()));

  function toggle(scope: ScopeDefinition, on: boolean) {
    if (scope.required || scope.name === OFFLINE_ACCESS) return;
    const rest = selected.filter((s) => s.toLowerCase() !== scope.name.toLowerCase());
    onChange(on ? [...rest, scope.name] : rest);
  }

  return (
    <fieldset id="scopes" className="scopes" aria-describedby={error ? 'scopes-error' : undefined}>
      <legend>Microsoft Graph permissions (delegated)</legend>
      <p className="hint">Ask only for what your product uses: Microsoft lists each one on the consent screen. Tick the same ones in Azure under API permissions.</p>
      <FieldError id="scopes-error" error={error} />
      {groupsOf(catalog).map(([group, scopes]) => (
        <div className="scope-group" key={group} role="group" aria-labelledby={`scope-group-${group.replace(/\W+/g, '-')}`}>
          <h3 id={`scope-group-${group.replace(/\W+/g, '-')}`}>{group}</h3>
          <ul>
            {scopes.map((scope) => {
              const id = `scope-${scope.name.replace(/\W+/g, '-')}`;
              const locked = scope.required || scope.name === OFFLINE_ACCESS;
              const checked = locked || chosen.has(scope.name.toLowerCase());
              return (
                <li key={scope.name} className={`scope${locked ? ' scope-locked' : ''}`}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={checked}
                    aria-disabled={locked || undefined}
                    aria-describedby={`${id}-desc`}
                    onChange={(e) => toggle(scope, e.target.checked)}
                    onClick={locked ? (e) => e.preventDefault() : undefined}
                  />
                  <div className="scope-text">
                    <label htmlFor={id}>
                      <code>{scope.name}</code>
                    </label>
                    <span className="scope-badges">
                      {locked && <span className="badge badge-info">Always on</span>}
                      {scope.adminConsentRequired ? (
                        <span className="badge badge-warn">Admin consent</span>
                      ) : (
                        <span className="badge badge-neutral">User consent</span>
                      )}
                      {scope.workAccountsOnly && <span className="badge badge-neutral">Work or school only</span>}
                    </span>
                    <p className="scope-desc" id={`${id}-desc`}>
                      {locked ? OFFLINE_ACCESS_REASON : scope.description}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {extra.length > 0 && (
        <p className="muted small">
          Also requested: {extra.map((s) => <code key={s}>{s} </code>)}
        </p>
      )}
    </fieldset>
  );
}
