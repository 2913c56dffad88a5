import type { ReactNode } from 'react';
import { useDocumentTitle } from '../hooks/use-document-title';

/** Sign-in and invite pages: one centred card, no navigation. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <main id="main" className="auth">
      <div className="auth-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Latchkey</span>
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
