import { FormEvent, useEffect, useState } from 'react';
import { api } from '../api/api-client';
import { ApiError, isApiError } from '../api/api-error';
import type { CustomerSettings } from '../api/types';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { useApi } from '../hooks/use-api';
import { FieldErrors } from '../lib/field-errors';

export function SettingsPage() {
  const loaded = useApi((signal) => api.get<CustomerSettings>('/v1/settings', { signal }), []);
  const [origins, setOrigins] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (loaded.data) setOrigins(loaded.data.allowedReturnOrigins.join('\n'));
  }, [loaded.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const allowedReturnOrigins = origins
        .split(/[\s,]+/)
        .map((o) => o.trim())
        .filter(Boolean);
      loaded.setData(await api.put<CustomerSettings>('/v1/settings', { allowedReturnOrigins }));
      setSaved(true);
    } catch (e) {
      setError(isApiError(e) ? e : ApiError.network());
    } finally {
      setSaving(false);
    }
  }

  const fields = FieldErrors.of(error);
  return (
    <>
      <PageHeader title="Settings" />
      {loaded.loading && !loaded.data && <Loading label="Loading settings" />}
      <ProblemAlert error={loaded.error} />
      {loaded.data && (
        <section className="panel" aria-labelledby="origins-title">
          <h2 id="origins-title">Allowed return origins</h2>
          <ProblemAlert error={error} unplaced={fields.unplaced(['allowedReturnOrigins'])} />
          <form className="stack narrow" onSubmit={save} noValidate>
            <Field
              id="allowedReturnOrigins"
              label="Origins, one per line"
              hint="Where the catalog may send users back (a connect session's returnUrl) and which pages may open it as a popup. https://app.example.com, without a path; http only for localhost."
              error={fields.for('allowedReturnOrigins')}
            >
              {(p) => <textarea {...p} rows={4} className="mono" spellCheck={false} value={origins} onChange={(e) => setOrigins(e.target.value)} />}
            </Field>
            <div className="save-bar save-bar-plain">
              <button type="submit" className="button button-primary" disabled={saving}>
                {saving ? 'Saving…' : 'Save settings'}
              </button>
              <span role="status" aria-live="polite" className="save-status">
                {saved ? 'Saved.' : ''}
              </span>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
