import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useSession, useSessionApi } from '../session/session-context';

const NAV = [
  { to: '/connector', label: 'Outlook Email connector' },
  { to: '/connections', label: 'Connections' },
  { to: '/attempts', label: 'Connect attempts' },
  { to: '/api-keys', label: 'API keys' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/try-it', label: 'Try it' },
  { to: '/settings', label: 'Settings' },
];

/** The signed-in shell: skip link, header with the customer and sign-out, navigation, the page. */
export function AppLayout() {
  const session = useSession();
  const { signOut } = useSessionApi();
  const [signingOut, setSigningOut] = useState(false);
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After a client-side navigation, keyboard and screen-reader users continue from the new page's content.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    main.current?.focus();
  }, [pathname]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Latchkey</span>
          <span className="brand-customer">{session.customer.name}</span>
        </div>
        <div className="account">
          <span className="account-email" title="Signed in as">
            {session.member.email}
          </span>
          <button
            type="button"
            className="button button-small button-secondary"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut().finally(() => setSigningOut(false));
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <div className="frame">
        <nav className="sidenav" aria-label="Console">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={main} tabIndex={-1} className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
