import { ListFilters } from '../components/list-filters';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/api-client';
import type { ConnectAttempt, ConnectAttemptPage } from '../api/types';
import { DateTime } from '../components/date-time';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { Pagination } from '../components/pagination';
import { ProblemAlert } from '../components/problem-alert';
import { StatusBadge } from '../components/status-badge';
import { useApi } from '../hooks/use-api';
import { useCursorPages } from '../hooks/use-cursor-pages';
import { useDebounced } from '../hooks/use-debounced';

const PAGE_SIZE = 25;
const STATUSES = [
  { value: '', label: 'All outcomes' },
  { value: 'connected', label: 'Connected' },
  { value: 'failed', label: 'Failed' },
  { value: 'declined', label: 'Declined' },
  { value: 'abandoned', label: 'Abandoned' },
  { value: 'pending', label: 'Pending' },
];

function Outcome({ a }: { a: ConnectAttempt }) {
  if (a.status === 'connected') {
    return a.connectionId ? <Link to={`/connections/${a.connectionId}`}>{a.accountLabel ?? 'View the connection'}</Link> : <span>{a.accountLabel}</span>;
  }
  if (a.status === 'pending') return <span className="muted">At Microsoft, or left before coming back.</span>;
  return (
    <div className="explanation">
      {(a.errorCode || a.error) && (
        <p className="small">
          {a.errorCode && <code className="chip">{a.errorCode}</code>} {a.error && <code className="chip chip-muted">{a.error}</code>}
        </p>
      )}
      <p>{a.explanation ?? (a.status === 'abandoned' ? 'The user did not come back from Microsoft in time.' : 'No explanation was recorded.')}</p>
    </div>
  );
}

/** Every time someone clicked Connect, with Microsoft's answer explained: the first place to look when a setup fails. */
export function AttemptsPage() {
  const [status, setStatus] = useState('');
  const [endUser, setEndUser] = useState('');
  const search = useDebounced(endUser.trim(), 400);
  const pages = useCursorPages(`${status}|${search}`);
  const list = useApi(
    (signal) => api.get<ConnectAttemptPage>('/v1/connect-attempts', { signal, query: { status, search, limit: PAGE_SIZE, cursor: pages.cursor } }),
    [status, search, pages.cursor],
  );
  const rows = list.data?.data ?? [];
  return (
    <>
      <PageHeader
        title="Connect attempts"
        actions={
          <button type="button" className="button button-secondary" onClick={list.reload} disabled={list.loading}>
            Refresh
          </button>
        }
      >
        <p>Each time a user clicked Connect, and how it ended. Failures come with Microsoft's error code (AADSTS…) and what to change.</p>
      </PageHeader>
      <ListFilters
        idPrefix="attempts"
        search={endUser}
        onSearch={setEndUser}
        searchPlaceholder="End user id or Microsoft account"
        statusLabel="Outcome"
        statuses={STATUSES}
        status={status}
        onStatus={setStatus}
      />
      <ProblemAlert error={list.error} />
      <div className="list-status" role="status" aria-live="polite">
        {list.loading && <Loading label="Loading attempts" />}
      </div>
      {list.data && rows.length === 0 && !list.loading && (
        <div className="empty">
          <p>{status || search ? 'No attempt matches these filters.' : 'No connect attempts yet.'}</p>
        </div>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive-table attempts-table">
            <caption className="visually-hidden">Connect attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">End user</th>
                <th scope="col">Outcome</th>
                <th scope="col">Account or explanation</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td data-label="Started">
                    <DateTime value={a.createdAt} />
                  </td>
                  <td data-label="End user">
                    <code>{a.endUserId}</code>
                  </td>
                  <td data-label="Outcome">
                    <StatusBadge status={a.status} />
                  </td>
                  <td data-label="Details">
                    <Outcome a={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        label="Connect attempts"
        page={pages.page}
        hasPrevious={pages.page > 1}
        hasNext={Boolean(list.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => list.data?.nextCursor && pages.next(list.data.nextCursor)}
      />
    </>
  );
}
