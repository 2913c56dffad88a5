import type { ConnectionView } from '../api/types';

export function AccountLabel({ account }: { account: ConnectionView['account'] }) {
  return (
    <span className="two-line">
      <span>{account.label ?? account.displayName ?? account.objectId}</span>
      <span className="muted small">{account.type === 'personal' ? 'Personal account' : 'Work or school'}</span>
    </span>
  );
}
