import { CopyButton } from './copy-button';

/** A value to paste elsewhere (callback URL, API key), shown in full with a copy button. */
export function CopyableValue({ id, value, label, secret = false }: { id: string; value: string; label: string; secret?: boolean }) {
  return (
    <div className={`copyable${secret ? ' copyable-secret' : ''}`}>
      <code id={id} className="copyable-value">
        {value}
      </code>
      <CopyButton value={value} label={label} targetId={id} />
    </div>
  );
}
