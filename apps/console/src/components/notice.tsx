import type { ReactNode } from 'react';

export type NoticeKind = 'info' | 'ok' | 'warn' | 'bad';

const ICON: Record<NoticeKind, string> = { info: 'i', ok: '✓', warn: '!', bad: '×' };

/** A message box; warnings and errors are announced at once (role="alert"), the rest politely. */
export function Notice({ kind, title, children, id }: { kind: NoticeKind; title?: string; children?: ReactNode; id?: string }) {
  const urgent = kind === 'bad' || kind === 'warn';
  return (
    <div id={id} className={`notice notice-${kind}`} role={urgent ? 'alert' : 'status'}>
      <span className="notice-icon" aria-hidden="true">
        {ICON[kind]}
      </span>
      <div className="notice-body">
        {title && <p className="notice-title">{title}</p>}
        {children}
      </div>
    </div>
  );
}
