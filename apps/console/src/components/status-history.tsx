import type { ConnectionEvent } from '../api/types';
import { DateTime } from './date-time';
import { StatusBadge } from './status-badge';

/** A connection's status changes, newest first. */
export function StatusHistory({ events }: { events: ConnectionEvent[] }) {
  if (events.length === 0) return <p className="muted">No status changes recorded yet.</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <div className="timeline-head">
            <StatusBadge status={e.status} />
            <DateTime value={e.at} />
            {e.code && <code className="chip">{e.code}</code>}
          </div>
          {e.reason && <p>{e.reason}</p>}
        </li>
      ))}
    </ol>
  );
}
