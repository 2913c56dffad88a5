import { useState } from 'react';
import { api } from '../../api/api-client';
import { ApiError, isApiError } from '../../api/api-error';
import type { RotatedWebhookSecret, WebhookEndpoint, WebhookTestResult } from '../../api/types';
import { ConfirmButton } from '../confirm-button';
import { Notice } from '../notice';
import { ProblemAlert } from '../problem-alert';
import { NewWebhookSecret } from './new-webhook-secret';

function TestOutcome({ result }: { result: WebhookTestResult }) {
  const a = result.attempt;
  const facts = a ? [a.httpStatus !== null ? `HTTP ${a.httpStatus}` : null, `${Math.round(a.durationMs)} ms`].filter(Boolean).join(' · ') : '';
  return (
    <Notice kind={result.delivered ? 'ok' : 'bad'} title={result.delivered ? 'Test event delivered' : 'Test event not delivered'}>
      <p className="webhook-test-facts">
        {facts}
        {a?.error && (
          <>
            {facts && ' · '}
            <code>{a.error}</code>
          </>
        )}
      </p>
    </Notice>
  );
}

/** Send a test, rotate the secret, enable or disable: each shows its own outcome. */
export function EndpointActions({ endpoint, onChanged }: { endpoint: WebhookEndpoint; onChanged: (next?: WebhookEndpoint) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [test, setTest] = useState<WebhookTestResult | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const base = `/v1/webhook-endpoints/${endpoint.id}`;

  async function run(name: string, action: () => Promise<void>) {
    setBusy(name);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(isApiError(e) ? e : ApiError.network());
    } finally {
      setBusy(null);
    }
  }

  const sendTest = () =>
    run('test', async () => {
      setTest(null);
      setTest(await api.post<WebhookTestResult>(`${base}/test`));
      onChanged();
    });
  const rotate = () =>
    run('rotate', async () => {
      setSecret((await api.post<RotatedWebhookSecret>(`${base}/rotate-secret`)).secret);
      onChanged();
    });
  const setEnabled = (enabled: boolean) => run('enable', async () => onChanged(await api.patch<WebhookEndpoint>(base, { enabled })));

  return (
    <section className="panel" aria-labelledby="endpoint-actions-title">
      <h2 id="endpoint-actions-title">Actions</h2>
      {secret && <NewWebhookSecret secret={secret} rotated onDone={() => setSecret(null)} />}
      {test && <TestOutcome result={test} />}
      <ProblemAlert error={error} />
      <div className="webhook-actions">
        <button type="button" className="button button-primary" onClick={() => void sendTest()} disabled={busy !== null}>
          {busy === 'test' ? 'Sending…' : 'Send test event'}
        </button>
        <ConfirmButton question="Rotate the signing secret? The old one keeps signing for 24 hours." confirmLabel="Yes, rotate" danger={false} onConfirm={rotate} disabled={busy !== null}>
          Rotate secret
        </ConfirmButton>
        {endpoint.enabled ? (
          <ConfirmButton question="Disable this endpoint? No events are sent to it until you enable it." confirmLabel="Yes, disable" onConfirm={() => setEnabled(false)} disabled={busy !== null}>
            Disable
          </ConfirmButton>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => void setEnabled(true)} disabled={busy !== null}>
            {busy === 'enable' ? 'Enabling…' : 'Enable'}
          </button>
        )}
      </div>
      {endpoint.previousSecretExpiresAt && <p className="small muted">The previous secret also signs until {new Date(endpoint.previousSecretExpiresAt).toLocaleString()}.</p>}
    </section>
  );
}
