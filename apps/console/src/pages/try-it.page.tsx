import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/api-client';
import { ApiError, isApiError } from '../api/api-error';
import type { ConnectAttempt, ConnectAttemptPage, ConnectionPage, ConnectionView, ConnectorView, ConnectSessionCreated } from '../api/types';
import { Field } from '../components/field';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { StatusBadge } from '../components/status-badge';
import { useApi } from '../hooks/use-api';
import { useInterval } from '../hooks/use-interval';
import { FieldErrors } from '../lib/field-errors';
import { useSession } from '../session/session-context';

const POLL_MS = 2500;
const POLL_FOR_MS = 30 * 60_000;
const TEST_END_USER_ID = 'console-test-user';

interface Opened {
  url: string;
  at: number;
  endUserId: string;
  /** What existed before: connection id -> connectedAt, and attempt ids, so only news counts. */
  knownConnections: Map<string, string>;
  knownAttempts: Set<string>;
}

async function recent(endUserId: string) {
  const query = { endUserId, limit: 10 };
  return Promise.all([api.get<ConnectionPage>('/v1/connections', { query }), api.get<ConnectAttemptPage>('/v1/connect-attempts', { query })]);
}

type Outcome = { kind: 'connected'; connection: ConnectionView } | { kind: 'failed'; attempt: ConnectAttempt } | null;

/** Opens the hosted catalog as a test end user and watches for the connection (or the failure) to arrive. */
export function TryItPage() {
  const session = useSession();
  const connector = useApi((signal) => api.get<ConnectorView>('/v1/connectors/outlook-email', { signal }), []);
  const [endUserId, setEndUserId] = useState(TEST_END_USER_ID);
  const [email, setEmail] = useState(session.member.email);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function open(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const created = await api.post<ConnectSessionCreated>('/v1/connect-sessions', {
        endUser: { id: endUserId.trim(), email: email.trim() || undefined, displayName: 'Console test user' },
      });
      window.open(created.url, '_blank', 'noopener');
      const [connections, attempts] = await recent(created.endUserId);
      setOpened({
        url: created.url,
        at: Date.now(),
        endUserId: created.endUserId,
        knownConnections: new Map(connections.data.map((c) => [c.id, c.connectedAt])),
        knownAttempts: new Set(attempts.data.map((a) => a.id)),
      });
    } catch (e) {
      setError(isApiError(e) ? e : ApiError.network());
    } finally {
      setBusy(false);
    }
  }

  async function poll() {
    if (!opened) return;
    const [connections, attempts] = await recent(opened.endUserId).catch(() => [null, null] as const);
    const fresh = connections?.data.find((c) => opened.knownConnections.get(c.id) !== c.connectedAt);
    if (fresh) {
      setOutcome({ kind: 'connected', connection: fresh });
      return;
    }
    const failed = attempts?.data.find((a) => !opened.knownAttempts.has(a.id) && (a.status === 'failed' || a.status === 'declined'));
    if (failed) setOutcome({ kind: 'failed', attempt: failed });
  }

  const watching = opened !== null && outcome?.kind !== 'connected' && Date.now() - opened.at < POLL_FOR_MS;
  useInterval(() => void poll(), watching ? POLL_MS : null);

  const fields = FieldErrors.of(error);
  const c = connector.data;
  return (
    <>
      <PageHeader title="Try it">
        <p>Open your hosted catalog as a test user and connect a mailbox, to check the whole setup: your Azure app, the callback URL and the permissions.</p>
      </PageHeader>
      {c && !c.configured && (
        <Notice kind="warn" title="The connector is not set up yet">
          <p>
            Save the <Link to="/connector">Outlook Email connector</Link> first.
          </p>
        </Notice>
      )}
      {c && c.configured && !c.enabled && (
        <Notice kind="warn" title="The connector is disabled">
          <p>
            The catalog will not offer it. Enable it on the <Link to="/connector">connector page</Link>.
          </p>
        </Notice>
      )}
      <section className="panel" aria-labelledby="try-title">
        <h2 id="try-title">Test end user</h2>
        <ProblemAlert error={error} unplaced={fields.unplaced(['endUser.id', 'endUser.email'])} />
        <form className="stack narrow" onSubmit={open} noValidate>
          <Field id="test-user-id" label="End user id" hint="Your id for the user; test connections are listed under it." error={fields.for('endUser.id')}>
            {(p) => <input {...p} type="text" name="endUserId" value={endUserId} onChange={(e) => setEndUserId(e.target.value)} />}
          </Field>
          <Field id="test-user-email" label="Email (login hint for Microsoft)" error={fields.for('endUser.email')}>
            {(p) => <input {...p} type="email" name="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Opening…' : 'Open the catalog in a new tab'}
            </button>
          </div>
        </form>
      </section>
      <div role="status" aria-live="polite" className="try-status">
        {opened && !outcome && (
          <Notice kind="info" title="The catalog is open in a new tab">
            <p>Click Connect there and sign in with Microsoft. This page shows the result as soon as it arrives.</p>
            <p className="small">
              No new tab?{' '}
              <a href={opened.url} target="_blank" rel="noopener noreferrer">
                Open the catalog<span className="visually-hidden"> (opens in a new tab)</span>
              </a>{' '}
              (the link works for 30 minutes).
            </p>
          </Notice>
        )}
        {outcome?.kind === 'connected' && (
          <Notice kind="ok" title="Connected">
            <p>
              <StatusBadge status={outcome.connection.status} /> {outcome.connection.account.label ?? outcome.connection.account.objectId} is connected as end user{' '}
              <code>{outcome.connection.endUser.id}</code>.
            </p>
            <p>
              <Link to={`/connections/${outcome.connection.id}`}>View the connection</Link> · <Link to="/connections">All connections</Link>
            </p>
          </Notice>
        )}
        {outcome?.kind === 'failed' && (
          <Notice kind="bad" title={outcome.attempt.status === 'declined' ? 'The test user declined' : 'The connection failed'}>
            <p>{outcome.attempt.explanation ?? outcome.attempt.error}</p>
            <p>
              <Link to="/attempts">See connect attempts</Link>
            </p>
          </Notice>
        )}
      </div>
    </>
  );
}
