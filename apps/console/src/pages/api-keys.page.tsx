import { FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { ApiError, isApiError } from '../api/api-error';
import type { ApiKey, ApiKeyList, CreatedApiKey } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { DateTime } from '../components/date-time';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { NewKeySecret } from '../components/new-key-secret';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { StatusBadge } from '../components/status-badge';
import { useApi } from '../hooks/use-api';
import { FieldErrors } from '../lib/field-errors';

export function ApiKeysPage() {
  const keys = useApi((signal) => api.get<ApiKeyList>('/v1/api-keys', { signal }), []);
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revokeError, setRevokeError] = useState<ApiError | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setCreating(true);
    setCreateError(null);
    try {
      const key = await api.post<CreatedApiKey>('/v1/api-keys', { name: name.trim() || undefined });
      setCreated(key);
      setName('');
      keys.reload();
    } catch (e) {
      setCreateError(isApiError(e) ? e : ApiError.network());
    } finally {
      setCreating(false);
    }
  }

  async function revoke(key: ApiKey) {
    setRevokeError(null);
    try {
      await api.delete(`/v1/api-keys/${key.id}`);
      keys.reload();
    } catch (e) {
      setRevokeError(isApiError(e) ? e : ApiError.network());
    }
  }

  const fields = FieldErrors.of(createError);
  return (
    <>
      <PageHeader title="API keys">
        <p>
          Your backend sends a key as <code>Authorization: Bearer lk_sk_…</code> to create connect sessions and fetch tokens. Keep keys server-side only.
        </p>
      </PageHeader>
      {created && <NewKeySecret created={created} onDone={() => setCreated(null)} />}
      <section className="panel" aria-labelledby="create-key-title">
        <h2 id="create-key-title">Create a key</h2>
        <ProblemAlert error={createError && !fields.for('name') ? createError : null} />
        <form className="inline-form" onSubmit={create} noValidate>
          <Field id="key-name" label="Name" hint="Where it is used, e.g. “Production backend”." error={fields.for('name')}>
            {(p) => <input {...p} type="text" name="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-primary" disabled={creating}>
            {creating ? 'Creating…' : 'Create key'}
          </button>
        </form>
      </section>
      <ProblemAlert error={revokeError} />
      <section aria-labelledby="keys-title">
        <h2 id="keys-title" className="section-title">
          Keys
        </h2>
        {keys.loading && !keys.data && <Loading label="Loading keys" />}
        <ProblemAlert error={keys.error} />
        {keys.data && (
          <div className="table-wrap">
            <table className="table responsive-table">
              <caption className="visually-hidden">API keys</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.data.map((k) => (
                  <tr key={k.id} className={k.status === 'revoked' ? 'row-muted' : undefined}>
                    <td data-label="Name">{k.name ?? <span className="muted">Unnamed</span>}</td>
                    <td data-label="Key">
                      <code>{k.prefix}…</code>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={k.status} />
                      {k.revokedAt && (
                        <span className="muted small cell-note">
                          on <DateTime value={k.revokedAt} />
                        </span>
                      )}
                    </td>
                    <td data-label="Created">
                      <DateTime value={k.createdAt} />
                    </td>
                    <td data-label="Last used">
                      <DateTime value={k.lastUsedAt} relative empty="Never" />
                    </td>
                    <td data-label="Actions" className="cell-actions">
                      {k.status === 'active' && (
                        <ConfirmButton
                          ariaLabel={`Revoke ${k.name ?? k.prefix}`}
                          question={`Revoke “${k.name ?? k.prefix}”? Requests with it fail from now on.`}
                          confirmLabel="Yes, revoke"
                          onConfirm={() => revoke(k)}
                        >
                          Revoke
                        </ConfirmButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
