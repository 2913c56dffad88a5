import type { ConnectionView } from '../api/types';

export function EndUserLabel({ endUser }: { endUser: ConnectionView['endUser'] }) {
  const secondary = [endUser.displayName, endUser.email].filter(Boolean).join(' · ');
  return (
    <span className="two-line">
      <code>{endUser.id}</code>
      {secondary && <span className="muted small">{secondary}</span>}
    </span>
  );
}
