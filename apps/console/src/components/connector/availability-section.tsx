import { FieldError } from '../field';
import type { ConnectorSectionProps } from './connector-section';

/** Whether users can connect, and whether one user may connect several Microsoft accounts. */
export function AvailabilitySection({ form, set, fields }: ConnectorSectionProps) {
  return (
    <section className="panel" aria-labelledby="availability-title">
      <h2 id="availability-title">Availability</h2>
      <div className="toggle-field">
        <input type="checkbox" role="switch" id="enabled" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} aria-describedby="enabled-hint" />
        <label htmlFor="enabled">
          <strong>Enabled</strong>
        </label>
        <p className="hint" id="enabled-hint">
          {form.enabled ? 'Your users see the connector in the catalog and can connect.' : 'Hidden from the catalog. Existing connections keep working.'}
        </p>
        <FieldError id="enabled-error" error={fields.for('enabled')} />
      </div>
      <div className="toggle-field">
        <input type="checkbox" id="multipleAccounts" checked={form.multipleAccounts} onChange={(e) => set('multipleAccounts', e.target.checked)} aria-describedby="multipleAccounts-hint" />
        <label htmlFor="multipleAccounts">
          <strong>Several Microsoft accounts per user</strong>
        </label>
        <p className="hint" id="multipleAccounts-hint">
          Off: connecting another account replaces the previous one.
        </p>
        <FieldError id="multipleAccounts-error" error={fields.for('multipleAccounts')} />
      </div>
    </section>
  );
}
