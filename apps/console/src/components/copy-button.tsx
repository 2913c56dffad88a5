import { useEffect, useRef, useState } from 'react';

interface CopyButtonProps {
  value: string;
  /** What is copied, for the accessible name: "Copy callback URL". */
  label: string;
  /** The element showing the value: selected when the clipboard is not available, so the person can copy it. */
  targetId?: string;
}

function selectText(id: string | undefined): boolean {
  const el = id ? document.getElementById(id) : null;
  if (!el) return false;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.focus();
    el.select();
    return true;
  }
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return true;
}

export function CopyButton({ value, label, targetId }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    let next: 'copied' | 'selected' = 'copied';
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
    } catch {
      next = selectText(targetId) ? 'selected' : 'copied';
    }
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2500);
  }

  return (
    <span className="copy">
      <button type="button" className="button button-small button-secondary" onClick={copy} aria-label={label}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {/* The button itself says "Copied"; the status line is for screen readers, and visible for the fallback. */}
      <span className={state === 'selected' ? 'copy-status' : 'visually-hidden'} role="status" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'selected' ? 'Selected: press Ctrl+C (⌘C) to copy' : ''}
      </span>
    </span>
  );
}
