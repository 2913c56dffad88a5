import type { ConnectorView } from '../../api/types';
import { secretExpiryWarning } from '../../lib/connector-form';
import { Field, FieldError } from '../field';
import { ClientSecretField } from './client-secret-field';
import type { ConnectorSectionProps } from './connector-section';

interface Props extends ConnectorSectionProps {
  view: ConnectorView;
}

/** The Azure app: whose app signs users in, its client id, type and secret, and which tenants it admits. */
export function AppSection({ view, form, set, fields }: Props) {
  const isPrivate = form.appMode === 'private';
  return (
    <section className="panel" aria-labelledby="app-title">
      <h2 id="app-title">Azure app</h2>
      <AppModeChoices defaultAppAvailable={view.defaultAppAvailable} form={form} set={set} fields={fields} />
      {isPrivate && (
        <>
          <Field id="clientId" label="Application (client) ID" hint="From the app's Overview page in Azure: a GUID like 0b8f2c1e-…" error={fields.for('clientId')}>
            {(p) => <input {...p} type="text" name="clientId" className="mono" autoComplete="off" spellCheck={false} value={form.clientId} onChange={(e) => set('clientId', e.target.value)} />}
          </Field>
          <ClientTypeChoices form={form} set={set} fields={fields} />
          {form.clientType === 'confidential' && <SecretFields view={view} form={form} set={set} fields={fields} />}
        </>
      )}
      <TenantField form={form} set={set} fields={fields} />
    </section>
  );
}

function AppModeChoices({ defaultAppAvailable, form, set, fields }: ConnectorSectionProps & { defaultAppAvailable: boolean }) {
  return (
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
          disabled={!defaultAppAvailable && form.appMode !== 'default'}
          onChange={() => set('appMode', 'default')}
        />
        <span>
          <strong>Platform default app</strong>
          <span className="choice-hint">
            {defaultAppAvailable
              ? "No Azure setup: Latchkey's app signs users in. Good for trying things out."
              : 'Not offered on this platform: the operator has not configured a default Microsoft app.'}
          </span>
        </span>
      </label>
      <FieldError id="appMode-error" error={fields.for('appMode')} />
    </fieldset>
  );
}

function ClientTypeChoices({ form, set, fields }: ConnectorSectionProps) {
  return (
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
  );
}

function SecretFields({ view, form, set, fields }: Props) {
  return (
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
  );
}

function TenantField({ form, set, fields }: ConnectorSectionProps) {
  return (
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
  );
}
