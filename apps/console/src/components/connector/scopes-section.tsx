import type { ScopeDefinition } from '../../api/types';
import type { ConnectorSectionProps } from './connector-section';
import { ScopeChecklist } from './scope-checklist';

/** The delegated Graph permissions the connector asks for. */
export function ScopesSection({ catalog, form, set, fields }: ConnectorSectionProps & { catalog: ScopeDefinition[] }) {
  return (
    <section className="panel" aria-labelledby="scopes-title">
      <h2 id="scopes-title">Permissions</h2>
      <ScopeChecklist catalog={catalog} selected={form.scopes} onChange={(scopes) => set('scopes', scopes)} error={fields.for('scopes')} />
    </section>
  );
}
