import { ListFilters } from '../components/list-filters';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import type { ConnectionPage } from '../api/types';
import { AccountLabel } from '../components/account-label';
import { DateTime } from '../components/date-time';
import { EndUserLabel } from '../components/end-user-label';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { Pagination } from '../components/pagination';
import { ProblemAlert } from '../components/problem-alert';
import { ScopeList } from '../components/scope-list';
import { StatusBadge } from '../components/status-badge';
import { useApi } from '../hooks/use-api';
import { useCursorPages } from '../hooks/use-cursor-pages';
import { useDebounced } from '../hooks/use-debounced';

const PAGE_SIZE = 20;
const STATUSES = [
  { value: '', label: 'All statuses' },
  { value: 'active', label: 'Active' },
  { value: 'needs_reauth', label: 'Needs reconnect' },
  { value: 'tenant_blocked', label: 'Blocked by organisation' },
  { value: 'error', label: 'Error' },
];

function countText(n: number, more: boolean, filtered: boolean): string {
  const count = `${n === 0 ? 'No' : n}${more ? '+' : ''} connection${n === 1 && !more ? '' : 's'}`;
  if (!filtered) return `${count}${more ? ' (newest first)' : ''}`;
  return `${count} ${n === 1 && !more ? 'matches' : 'match'}`;
}

export function ConnectionsPage() {
  const [params, setParams] = useSearchParams();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const status = params.get('status') ?? '';
  const [search, setSearch] = useState(params.get('search') ?? '');
  const query = useDebounced(search.trim(), 300);
  const pages = useCursorPages(`${status}|${query}`);

  const searchParam = params.get('search') ?? '';
  useEffect(() => {
    if (query === searchParam) return;
    const next = new URLSearchParams(params);
    if (query) next.set('search', query);
    else next.delete('search');
    setParams(next, { replace: true });
  }, [query]);

  const list = useApi(
    (signal) => api.get<ConnectionPage>('/v1/connections', { signal, query: { status, search: query, limit: PAGE_SIZE, cursor: pages.cursor } }),
    [status, query, pages.cursor],
  );

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('status', value);
    else next.delete('status');
    setParams(next, { replace: true });
  };

  const rows = list.data?.data ?? [];
  return (
    <>
      <PageHeader
        title="Connections"
        actions={
          <button type="button" className="button button-secondary" onClick={list.reload} disabled={list.loading}>
            Refresh
          </button>
        }
      >
        <p>Your users' Microsoft mailboxes. Your backend fetches fresh tokens for them from the token endpoint.</p>
      </PageHeader>
      {flash && (
        <Notice kind="ok">
          <p>{flash}</p>
        </Notice>
      )}
      <ListFilters
        idPrefix="connections"
        search={search}
        onSearch={setSearch}
        searchPlaceholder="End user id, email or Microsoft account"
        statusLabel="Status"
        statuses={STATUSES}
        status={status}
        onStatus={setStatus}
      />
      <ProblemAlert error={list.error} />
      <div className="list-status" role="status" aria-live="polite">
        {list.loading ? <Loading label="Loading connections" /> : list.data && countText(rows.length, Boolean(list.data.nextCursor), Boolean(query || status))}
      </div>
      {list.data && rows.length === 0 && !list.loading && (
        <div className="empty">
          {query || status ? (
            <p>No connection matches these filters.</p>
          ) : (
            <p>
              No one has connected yet. Open <Link to="/try-it">Try it</Link> to connect a test mailbox, or send your users to the catalog with a connect session.
            </p>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive-table connections-table">
            <caption className="visually-hidden">Connections, newest first</caption>
            <thead>
              <tr>
                <th scope="col">End user</th>
                <th scope="col">Microsoft account</th>
                <th scope="col">Status</th>
                <th scope="col">Scopes</th>
                <th scope="col">Token expires</th>
                <th scope="col">Last refreshed</th>
                <th scope="col">Last read</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td data-label="End user">
                    <Link to={`/connections/${c.id}`} className="row-link" aria-label={`Connection of ${c.endUser.id} (${c.account.label ?? c.account.objectId})`}>
                      <EndUserLabel endUser={c.endUser} />
                    </Link>
                  </td>
                  <td data-label="Microsoft account">
                    <AccountLabel account={c.account} />
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={c.status} />
                  </td>
                  <td data-label="Scopes">
                    <ScopeList scopes={c.scopes} compact />
                  </td>
                  <td data-label="Token expires">
                    <DateTime value={c.tokenExpiresAt} relative />
                  </td>
                  <td data-label="Last refreshed">
                    <DateTime value={c.lastRefreshedAt} relative empty="Never" />
                  </td>
                  <td data-label="Last read">
                    <DateTime value={c.lastReadAt} relative empty="Never" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        label="Connections"
        page={pages.page}
        hasPrevious={pages.page > 1}
        hasNext={Boolean(list.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => list.data?.nextCursor && pages.next(list.data.nextCursor)}
      />
    </>
  );
}
