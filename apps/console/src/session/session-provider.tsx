import { ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, configureApi, setCsrfToken } from '../api/api-client';
import type { ConsoleSession, SessionAnswer } from '../api/types';
import { SessionApi, SessionContext, SessionState } from './session-context';
import { signInPath } from './return-path';

async function fetchSession(): Promise<ConsoleSession | null> {
  const answer = await api.get<SessionAnswer>('/v1/console/session', { redirectOn401: false });
  return answer.signedIn ? answer : null;
}

/** Loads the session once, keeps the API client's CSRF token in step, and sends a lost session to sign-in. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigate();
  const location = useLocation();
  // Refs, so the set-up below runs once (useNavigate's identity changes with every navigation).
  const here = useRef('');
  here.current = `${location.pathname}${location.search}`;
  const go = useRef(navigate);
  go.current = navigate;

  const apply = useCallback((session: ConsoleSession | null, byUser = false) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState(session ? { status: 'signed-in', session } : { status: 'signed-out', byUser });
  }, []);

  useEffect(() => {
    configureApi({
      onUnauthenticated: () => {
        apply(null);
        if (!here.current.startsWith('/sign-in')) go.current(signInPath(here.current), { replace: true });
      },
      onCsrfRejected: async () => {
        const session = await fetchSession().catch(() => null);
        apply(session);
        return session?.csrfToken ?? null;
      },
    });
    fetchSession()
      .then((session) => apply(session))
      .catch(() => apply(null));
  }, [apply]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/v1/console/sign-out', undefined, { redirectOn401: false });
    } finally {
      apply(null, true);
      go.current('/sign-in', { replace: true });
    }
  }, [apply]);

  const signedIn = useCallback((session: ConsoleSession) => apply(session), [apply]);
  const value = useMemo<SessionApi>(() => ({ state, signedIn, signOut }), [state, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
