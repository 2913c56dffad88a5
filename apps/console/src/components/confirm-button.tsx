import { useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** The button's text, e.g. "Revoke". */
  children: string;
  /** The question asked before acting, e.g. "Revoke the key "CI"?". */
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  /** Accessible name of the first button when its text alone is ambiguous in a list. */
  ariaLabel?: string;
  danger?: boolean;
  disabled?: boolean;
}

/** A destructive action asks inline (no window.confirm): the second button does it, Cancel goes back. */
export function ConfirmButton({ children, question, confirmLabel, onConfirm, ariaLabel, danger = true, disabled }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const firstRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) firstRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={firstRef} type="button" className={`button button-small ${danger ? 'button-danger' : 'button-secondary'}`} onClick={() => setAsking(true)} aria-label={ariaLabel} disabled={disabled}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={`button button-small ${danger ? 'button-danger-solid' : ''}`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {busy ? 'Working…' : confirmLabel}
      </button>
      <button type="button" className="button button-small button-secondary" onClick={() => setAsking(false)} disabled={busy}>
        Cancel
      </button>
    </span>
  );
}
