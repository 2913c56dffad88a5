import { formatDateTime, formatRelative } from '../lib/format';

/** A timestamp in the reader's locale; `relative` puts "in 52 minutes" first and the exact time in the tooltip. */
export function DateTime({ value, relative = false, empty = '—' }: { value: string | null | undefined; relative?: boolean; empty?: string }) {
  if (!value) return <span className="muted">{empty}</span>;
  const exact = formatDateTime(value);
  return (
    <time dateTime={value} title={exact} className={relative ? 'time-relative' : 'time-exact'}>
      {relative ? formatRelative(value) : exact}
    </time>
  );
}
