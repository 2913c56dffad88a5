import { createContext, useContext } from 'react';
import type { ConsoleSession } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  /** `byUser`: the member signed out (no page to come back to); otherwise the session was never there or ended. */
  | { status: 'signed-out'; byUser: boolean }
  | { status: 'signed-in'; session: ConsoleSession };

export interface SessionApi {
  state: SessionState;
  /** After sign-in or an accepted invite: the answer is the new session. */
  signedIn: (session: ConsoleSession) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSessionApi(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionApi outside <SessionProvider>');
  return value;
}

/** The signed-in member; only for pages behind <RequireSession>. */
export function useSession(): ConsoleSession {
  const { state } = useSessionApi();
  if (state.status !== 'signed-in') throw new Error('useSession without a session');
  return state.session;
}
