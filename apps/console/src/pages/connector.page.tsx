import { FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/api-client';
import { ApiError, isApiError } from '../api/api-error';
import type { ConnectorView, ScopeDefinition } from '../api/types';
import { CallbackUrlPanel } from '../components/connector/callback-url-panel';
import { CatalogCardPreview } from '../components/connector/catalog-card-preview';
import { ClientSecretField } from '../components/connector/client-secret-field';
import { ScopeChecklist } from '../components/connector/scope-checklist';
import { SetupSteps } from '../components/connector/setup-steps';
import { Field, FieldError } from '../components/field';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { StatusBadge } from '../components/status-badge';
import { useApi } from '../hooks/use-api';
import { CONNECTOR_FIELD_ORDER, ConnectorForm, formFromView, isDirty, platformLabel, secretExpiryWarning, updateFromForm } from '../lib/connector-form';
import { FieldErrors } from '../lib/field-errors';
import { formatDateTime } from '../lib/format';
import { useSession } from '../session/session-context';

const CONNECTOR_PATH = '/v1/connectors/outlook-email';

function focusField(name: string) {
  const el = document.getElementById(name);
  if (!el) return;
  const target = el instanceof HTMLFieldSetElement ? el.querySelector<HTMLElement>('input:not([aria-disabled="true"]), select, textarea') : el;
  (target ?? el).focus();
}

export function ConnectorPage() {
  const loaded = useApi((signal) => Promise.all([api.get<ConnectorView>(CONNECTOR_PATH, { signal }), api.get<{ data: ScopeDefinition[] }>('/v1/scopes/outlook-email', { signal })]), []);
  return (
    <>
      <PageHeader title="Outlook Email connector">
        <p>How your users connect their Microsoft mailbox: your Azure app, the permissions you ask for and how the connector looks in your catalog.</p>
      </PageHeader>
      {loaded.loading && !loaded.data && <Loading label="Loading the connector" />}
      {loaded.error && <ProblemAlert error={loaded.error} />}
      {loaded.data && <ConnectorEditor initial={loaded.data[0]} catalog={loaded.data[1].data} />}
    </>
  );
}

function ConnectorEditor({ initial, catalog }: { initial: ConnectorView; catalog: ScopeDefinition[] }) {
  const session = useSession();
  const [view, setView] = useState(initial);
  const [form, setForm] = useState<ConnectorForm>(() => formFromView(initial));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  const set = <K extends keyof ConnectorForm>(key: K, value: ConnectorForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fields = FieldErrors.of(error);
  const isPrivate = form.appMode === 'private';
  const confidential = isPrivate && form.clientType === 'confidential';
  const platform = platformLabel(form.clientType);
  const dirty = isDirty(form, view);

  useEffect(() => {
    if (focusTarget) {
      focusField(focusTarget);
      setFocusTarget(null);
    }
  }, [focusTarget]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setSavedAt(null);
    try {
      const next = await api.put<ConnectorView>(CONNECTOR_PATH, updateFromForm(form));
      setView(next);
      setForm(formFromView(next));
      setSavedAt(new Date().toISOString());
    } catch (e) {
      const problem = isApiError(e) ? e : ApiError.network();
      setError(problem);
      setFocusTarget(FieldErrors.of(problem).first([...CONNECTOR_FIELD_ORDER]) ?? 'connector-problem');
    } finally {
      setSaving(false);
    }
  }

  const visible = [
    'appMode',
    'tenant',
    'scopes',
    'displayName',
    'description',
    'logoUrl',
    'enabled',
    'multipleAccounts',
    ...(isPrivate ? ['clientType', 'clientId'] : []),
    ...(confidential ? ['clientSecret', 'clientSecretExpiresAt'] : []),
  ];
  const topWarnings = view.warnings.filter((w) => !w.code.startsWith('client_secret_'));

  return (
    <div className="connector-layout">
      <form className="connector-form" onSubmit={save} noValidate aria-describedby={error ? 'connector-problem' : undefined}>
        <div className="status-row">
          <StatusBadge status={view.configured ? (view.enabled ? 'enabled' : 'disabled') : 'not_configured'} />
          {view.updatedAt && <span className="muted small">Last saved {formatDateTime(view.updatedAt)}</span>}
        </div>
        {topWarnings.map((w) => (
          <Notice kind="warn" key={w.code}>
            <p>{w.message}</p>
          </Notice>
        ))}
        <div tabIndex={-1} id="connector-problem">
          <ProblemAlert error={error} unplaced={fields.unplaced(visible)} />
        </div>

        <CallbackUrlPanel view={view} appMode={form.appMode} platform={platform} />

        <section className="panel" aria-labelledby="app-title">
          <h2 id="app-title">Azure app</h2>
          <fieldset id="appMode" className="choices" aria-describedby={fields.for('appMode') ? 'appMode-error' : undefined}>
            <legend>App</legend>
            <label className="choice">
              <input type="radio" name="appMode" value="private" checked={form.appMode === 'private'} onChange={() => set('appMode', 'private')} />
              <span>
                <strong>Your own Azure app</strong>
                <span className="choice-hint">Recommended. Microsoft's consent screen shows your app's name; you control tenants and secrets.</span>
              </span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name="appMode"
                value="default"
                checked={form.appMode === 'default'}
                disabled={!view.defaultAppAvailable && form.appMode !== 'default'}
                onChange={() => set('appMode', 'default')}
              />
              <span>
                <strong>Platform default app</strong>
                <span className="choice-hint">
                  {view.defaultAppAvailable
                    ? "No Azure setup: Latchkey's app signs users in. Good for trying things out."
                    : 'Not offered on this platform: the operator has not configured a default Microsoft app.'}
                </span>
              </span>
            </label>
            <FieldError id="appMode-error" error={fields.for('appMode')} />
          </fieldset>

          {isPrivate && (
            <>
              <Field
                id="clientId"
                label="Application (client) ID"
                hint="From the app's Overview page in Azure: a GUID like 0b8f2c1e-…"
                error={fields.for('clientId')}
              >
                {(p) => (
                  <input {...p} type="text" name="clientId" className="mono" autoComplete="off" spellCheck={false} value={form.clientId} onChange={(e) => set('clientId', e.target.value)} />
                )}
              </Field>

              <fieldset id="clientType" className="choices" aria-describedby={fields.for('clientType') ? 'clientType-error' : undefined}>
                <legend>Client type</legend>
                <label className="choice">
                  <input type="radio" name="clientType" value="confidential" checked={form.clientType === 'confidential'} onChange={() => set('clientType', 'confidential')} />
                  <span>
                    <strong>Confidential (Web)</strong>
                    <span className="choice-hint">Callback URL under the “Web” platform, with a client secret. The usual choice.</span>
                  </span>
                </label>
                <label className="choice">
                  <input type="radio" name="clientType" value="public" checked={form.clientType === 'public'} onChange={() => set('clientType', 'public')} />
                  <span>
                    <strong>Public (Mobile and desktop)</strong>
                    <span className="choice-hint">Callback URL under “Mobile and desktop applications”; PKCE only, no secret.</span>
                  </span>
                </label>
                <FieldError id="clientType-error" error={fields.for('clientType')} />
              </fieldset>

              {confidential && (
                <div className="field-row">
                  <ClientSecretField secret={view.clientSecret} value={form.clientSecret} onChange={(v) => set('clientSecret', v)} error={fields.for('clientSecret')} />
                  <Field
                    id="clientSecretExpiresAt"
                    label="Secret expires on"
                    hint="Shown beside the secret in Azure. Latchkey warns 30 days before."
                    error={fields.for('clientSecretExpiresAt')}
                    warning={secretExpiryWarning(form.clientSecretExpiresAt)}
                  >
                    {(p) => <input {...p} type="date" name="clientSecretExpiresAt" value={form.clientSecretExpiresAt} onChange={(e) => set('clientSecretExpiresAt', e.target.value)} />}
                  </Field>
                </div>
              )}
            </>
          )}

          <Field
            id="tenant"
            label="Tenant"
            hint={
              <>
                <code>common</code>: work, school and personal accounts. <code>organizations</code>: work and school only. <code>consumers</code>: personal only. Or
                your Directory (tenant) ID or domain to admit one organization.
              </>
            }
            error={fields.for('tenant')}
          >
            {(p) => (
              <>
                <input {...p} type="text" name="tenant" list="tenant-options" autoComplete="off" spellCheck={false} value={form.tenant} onChange={(e) => set('tenant', e.target.value)} />
                <datalist id="tenant-options">
                  <option value="common" />
                  <option value="organizations" />
                  <option value="consumers" />
                </datalist>
              </>
            )}
          </Field>
        </section>

        <section className="panel" aria-labelledby="scopes-title">
          <h2 id="scopes-title">Permissions</h2>
          <ScopeChecklist catalog={catalog} selected={form.scopes} onChange={(scopes) => set('scopes', scopes)} error={fields.for('scopes')} />
        </section>

        <section className="panel" aria-labelledby="catalog-title">
          <h2 id="catalog-title">Catalog</h2>
          <p className="hint">What your users see in the hosted catalog before they connect.</p>
          <div className="catalog-grid">
            <div>
              <Field id="displayName" label="Display name" error={fields.for('displayName')}>
                {(p) => <input {...p} type="text" name="displayName" maxLength={100} value={form.displayName} onChange={(e) => set('displayName', e.target.value)} />}
              </Field>
              <Field id="description" label="Description" hint={`${form.description.length}/500 characters`} error={fields.for('description')}>
                {(p) => <textarea {...p} name="description" rows={3} maxLength={500} value={form.description} onChange={(e) => set('description', e.target.value)} />}
              </Field>
              <Field id="logoUrl" label="Logo URL" hint="An https image, square, at least 88×88 pixels. Empty: the first letter of the name." error={fields.for('logoUrl')}>
                {(p) => <input {...p} type="url" name="logoUrl" inputMode="url" spellCheck={false} placeholder="https://" value={form.logoUrl} onChange={(e) => set('logoUrl', e.target.value)} />}
              </Field>
            </div>
            <CatalogCardPreview
              customerName={session.customer.name}
              displayName={form.displayName}
              description={form.description}
              logoUrl={form.logoUrl}
              enabled={form.enabled}
            />
          </div>
        </section>

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

        <div className="save-bar">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : view.configured ? 'Save changes' : 'Save connector'}
          </button>
          <span className="save-status" role="status" aria-live="polite">
            {savedAt ? (
              <>
                Saved. <Link to="/try-it">Try it</Link> to check the setup end to end.
              </>
            ) : error ? (
              'Not saved: see the messages above.'
            ) : dirty ? (
              'Unsaved changes'
            ) : (
              ''
            )}
          </span>
        </div>
      </form>
      <SetupSteps appMode={form.appMode} clientType={form.clientType} platform={platform} />
    </div>
  );
}
