import { useState } from 'react';
import { api } from '../../api/api-client';
import { ApiError, isApiError } from '../../api/api-error';
import type { WebhookAttempt, WebhookAttemptPage } from '../../api/types';
import { useApi } from '../../hooks/use-api';
import { useCursorPages } from '../../hooks/use-cursor-pages';
import { DateTime } from '../date-time';
import { Loading } from '../loading';
import { Notice } from '../notice';
import { Pagination } from '../pagination';
import { ProblemAlert } from '../problem-alert';
import { StatusBadge } from '../status-badge';

const PAGE_SIZE = 25;
const STATUSES = [
  { value: '', label: 'All attempts' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
];

function Answer({ a }: { a: WebhookAttempt }) {
  return (
    <>
      {a.httpStatus !== null && <code className="chip">HTTP {a.httpStatus}</code>} {a.error && <code className="chip chip-muted">{a.error}</code>}
      {a.responseBody && (
        <details className="webhook-body">
          <summary>Response</summary>
          <pre>{a.responseBody}</pre>
        </details>
      )}
    </>
  );
}

/** Every attempt to deliver to one endpoint, newest first, with a Redeliver button per event. */
export function DeliveryLog({ endpointId, generation }: { endpointId: string; generation: number }) {
  const [status, setStatus] = useState('');
  const pages = useCursorPages(status);
  const list = useApi(
    (signal) => api.get<WebhookAttemptPage>(`/v1/webhook-endpoints/${endpointId}/deliveries`, { signal, query: { status, limit: PAGE_SIZE, cursor: pages.cursor } }),
    [endpointId, status, pages.cursor, generation],
  );
  const [redelivered, setRedelivered] = useState<string | null>(null);
  const [redeliverError, setRedeliverError] = useState<ApiError | null>(null);

  async function redeliver(a: WebhookAttempt) {
    setRedeliverError(null);
    setRedelivered(null);
    try {
      await api.post(`/v1/events/${a.eventId}/redeliver`, { endpointId });
      setRedelivered(a.eventId);
      list.reload();
    } catch (e) {
      setRedeliverError(isApiError(e) ? e : ApiError.network());
    }
  }

  const rows = list.data?.data ?? [];
  return (
    <section aria-labelledby="deliveries-title">
      <div className="webhook-log-head">
        <h2 id="deliveries-title" className="section-title">
          Delivery log
        </h2>
        <div className="field">
          <label htmlFor="deliveries-status">Status</label>
          <select id="deliveries-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-secondary" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>
      {redelivered && (
        <Notice kind="ok" title="Redelivery queued">
          <p>
            Event <code>{redelivered}</code> is sent again; its attempt appears here in a moment.
          </p>
        </Notice>
      )}
      <ProblemAlert error={redeliverError ?? list.error} />
      <div className="list-status" role="status" aria-live="polite">
        {list.loading && <Loading label="Loading deliveries" />}
      </div>
      {list.data && rows.length === 0 && !list.loading && (
        <div className="empty">
          <p>{status ? 'No attempt matches this filter.' : 'Nothing delivered yet. Send a test event to try the endpoint.'}</p>
        </div>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive-table webhook-log">
            <caption className="visually-hidden">Delivery attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Answer</th>
                <th scope="col">Duration</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td data-label="Time" className="webhook-time">
                    <DateTime value={a.attemptedAt} />
                  </td>
                  <td data-label="Event">
                    <code>{a.eventType}</code>
                    <span className="muted small mono webhook-event-id" title={a.eventId}>
                      {a.eventId}
                    </span>
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={a.status === 'succeeded' ? 'active' : 'failed'} label={a.status === 'succeeded' ? 'Succeeded' : 'Failed'} />
                    <span className="muted small cell-note">Attempt {a.attempt}</span>
                    {a.nextAttemptAt && (
                      <span className="muted small cell-note">
                        Retry <DateTime value={a.nextAttemptAt} relative />
                      </span>
                    )}
                  </td>
                  <td data-label="Answer" className="webhook-answer">
                    <Answer a={a} />
                  </td>
                  <td data-label="Duration">{`${Math.round(a.durationMs)} ms`}</td>
                  <td data-label="Actions" className="cell-actions">
                    <button type="button" className="button button-small button-secondary" aria-label={`Redeliver ${a.eventId}`} onClick={() => void redeliver(a)}>
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        label="Delivery log"
        page={pages.page}
        hasPrevious={pages.page > 1}
        hasNext={Boolean(list.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => list.data?.nextCursor && pages.next(list.data.nextCursor)}
      />
    </section>
  );
}
