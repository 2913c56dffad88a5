import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/api-client';
import { ApiError, isApiError } from '../api/api-error';
import type { ConnectionDetail, ConnectionEventList, ConnectionView, GraphCallList } from '../api/types';
import { AccountLabel } from '../components/account-label';
import { ConfirmButton } from '../components/confirm-button';
import { DateTime } from '../components/date-time';
import { EndUserLabel } from '../components/end-user-label';
import { GraphCalls } from '../components/graph-calls';
import { Loading } from '../components/loading';
import { MailNotificationsPanel } from '../components/mail-notifications-panel';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { ScopeList } from '../components/scope-list';
import { StatusBadge } from '../components/status-badge';
import { StatusHistory } from '../components/status-history';
import { useApi } from '../hooks/use-api';

/** What the connection's state means for the customer, in words. */
function LastError({ c }: { c: ConnectionView }) {
  if (c.status === 'active' && !c.lastRefreshError) return null;
  if (c.status === 'active') {
    return (
      <Notice kind="warn" title={`The last refresh failed (${c.refreshFailures} time${c.refreshFailures === 1 ? '' : 's'} in a row)`}>
        <p>{c.lastRefreshError}</p>
        <p>Latchkey retries on its own; the connection stays usable while its access token is valid.</p>
      </Notice>
    );
  }
  return (
    <Notice kind="bad" title={c.status === 'needs_reauth' ? 'The user must reconnect' : c.status === 'tenant_blocked' ? 'The user\'s organisation blocks your app' : 'The connection has an error'}>
      {c.statusReason && <p>{c.statusReason}</p>}
      {c.statusCode && (
        <p className="small">
          Microsoft's code: <code>{c.statusCode}</code>
        </p>
      )}
      {c.lastRefreshError && c.lastRefreshError !== c.statusReason && <p className="small">Last refresh error: {c.lastRefreshError}</p>}
      {c.status === 'tenant_blocked' && <p>Only this connection is stopped; your other users keep refreshing. Once their administrator allows the app, the user reconnects from your catalog. The token endpoint answers 409 CONNECTION_TENANT_BLOCKED until then.</p>}
      {c.status === 'needs_reauth' && <p>Send the user to your catalog (a new connect session) and they can click Reconnect. The token endpoint answers 409 until then.</p>}
    </Notice>
  );
}

export function ConnectionDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const loaded = useApi(
    (signal) =>
      Promise.all([
        api.get<ConnectionDetail>(`/v1/connections/${encodeURIComponent(id)}`, { signal }),
        api.get<ConnectionEventList>(`/v1/connections/${encodeURIComponent(id)}/events`, { signal }),
        api.get<GraphCallList>(`/v1/connections/${encodeURIComponent(id)}/graph-calls`, { signal }),
      ]),
    [id],
  );
  const [error, setError] = useState<ApiError | null>(null);

  async function disconnect() {
    setError(null);
    try {
      await api.delete(`/v1/connections/${encodeURIComponent(id)}`);
      navigate('/connections', { replace: true, state: { flash: 'The connection was disconnected and its tokens deleted.' } });
    } catch (e) {
      setError(isApiError(e) ? e : ApiError.network());
    }
  }

  const back = (
    <p className="back">
      <Link to="/connections">← All connections</Link>
    </p>
  );
  if (loaded.loading && !loaded.data) return <>{back}<Loading label="Loading the connection" /></>;
  if (loaded.error || !loaded.data) {
    return (
      <>
        {back}
        <PageHeader title="Connection" />
        <ProblemAlert error={loaded.error} />
      </>
    );
  }
  const [c, events, graphCalls] = loaded.data;
  const who = c.account.label ?? c.account.objectId;
  return (
    <>
      {back}
      <PageHeader
        title={who}
        actions={<ConfirmButton question={`Disconnect ${who}? Its tokens are deleted at once.`} confirmLabel="Yes, disconnect" onConfirm={disconnect}>Disconnect</ConfirmButton>}
      >
        <p>
          <StatusBadge status={c.status} /> Outlook Email connection of end user <code>{c.endUser.id}</code>.
        </p>
      </PageHeader>
      <ProblemAlert error={error} />
      <LastError c={c} />
      <div className="detail-grid">
        <section className="panel" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl className="facts">
            <dt>End user</dt>
            <dd>
              <EndUserLabel endUser={c.endUser} />
            </dd>
            <dt>Microsoft account</dt>
            <dd>
              <AccountLabel account={c.account} />
            </dd>
            <dt>Connection ID</dt>
            <dd>
              <code>{c.id}</code>
            </dd>
            <dt>Connected</dt>
            <dd>
              <DateTime value={c.connectedAt} />
            </dd>
            <dt>Access token expires</dt>
            <dd>
              <DateTime value={c.tokenExpiresAt} relative />
            </dd>
            <dt>Next refresh</dt>
            <dd>
              <DateTime value={c.nextRefreshAt} relative empty="Not scheduled" />
            </dd>
            <dt>Last refreshed</dt>
            <dd>
              <DateTime value={c.lastRefreshedAt} empty="Never" />
            </dd>
            <dt>Last read by your backend</dt>
            <dd>
              <DateTime value={c.lastReadAt} empty="Never" /> {c.readCount > 0 && <span className="muted">({c.readCount} reads)</span>}
            </dd>
            <dt>Scopes granted</dt>
            <dd>
              <ScopeList scopes={c.scopes} />
            </dd>
          </dl>
        </section>
        <MailNotificationsPanel mail={c.mailNotifications} />
        <section className="panel" aria-labelledby="history-title">
          <h2 id="history-title">Status history</h2>
          <StatusHistory events={events.data} />
        </section>
      </div>
      <section className="panel" aria-labelledby="graph-calls-title">
        <h2 id="graph-calls-title">Recent Graph calls</h2>
        <GraphCalls calls={graphCalls.data} />
      </section>
    </>
  );
}
