import type { GraphCall } from '../api/types';
import { DateTime } from './date-time';

/** The connection's most recent Graph proxy calls, newest first: what a backend sent through Latchkey and what came of it. */
export function GraphCalls({ calls }: { calls: GraphCall[] }) {
  if (calls.length === 0) {
    return <p className="muted">No Graph calls through the proxy yet. Your backend calls <code>/v1/connections/{'{id}'}/graph/v1.0/...</code> with its API key.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table responsive-table graph-calls">
        <caption className="visually-hidden">Graph proxy calls, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Call</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Duration</th>
            <th scope="col">Graph request id</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr key={`${c.at}-${c.requestId}`}>
              <td data-label="Time">
                <DateTime value={c.at} />
              </td>
              <td data-label="Call">
                <code>
                  {c.method} {c.path}
                </code>
              </td>
              <td data-label="Status">
                <span className={`badge ${c.status < 400 ? 'badge-ok' : c.status === 429 || c.status >= 500 ? 'badge-warn' : 'badge-bad'}`}>{c.status}</span>
              </td>
              <td data-label="Attempts">{c.attempts}</td>
              <td data-label="Duration">{`${c.durationMs} ms`}</td>
              <td data-label="Graph request id">{c.graphRequestId ? <code className="small">{c.graphRequestId}</code> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
