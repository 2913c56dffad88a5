type Tone = 'ok' | 'warn' | 'bad' | 'neutral' | 'info';

const STATUSES: Record<string, { label: string; tone: Tone; icon: string }> = {
  active: { label: 'Active', tone: 'ok', icon: '✓' },
  connected: { label: 'Connected', tone: 'ok', icon: '✓' },
  needs_reauth: { label: 'Needs reconnect', tone: 'warn', icon: '!' },
  tenant_blocked: { label: 'Blocked by organisation', tone: 'bad', icon: '!' },
  error: { label: 'Error', tone: 'bad', icon: '×' },
  failed: { label: 'Failed', tone: 'bad', icon: '×' },
  declined: { label: 'Declined', tone: 'warn', icon: '–' },
  abandoned: { label: 'Abandoned', tone: 'neutral', icon: '–' },
  pending: { label: 'Pending', tone: 'info', icon: '…' },
  revoked: { label: 'Revoked', tone: 'neutral', icon: '×' },
  enabled: { label: 'Enabled', tone: 'ok', icon: '✓' },
  disabled: { label: 'Disabled', tone: 'neutral', icon: '–' },
  not_configured: { label: 'Not configured', tone: 'warn', icon: '!' },
};

/** A status in words, with colour and an icon as extras (never colour alone). */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const known = STATUSES[status] ?? { label: status.replace(/_/g, ' '), tone: 'neutral' as Tone, icon: '•' };
  return (
    <span className={`badge badge-${known.tone}`}>
      <span aria-hidden="true" className="badge-icon">
        {known.icon}
      </span>
      {label ?? known.label}
    </span>
  );
}
