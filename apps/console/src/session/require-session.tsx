import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/loading';
import { useSessionApi } from './session-context';
import { signInPath } from './return-path';

/** Pages behind sign-in; a visitor without a session goes to sign in and comes back here afterwards. */
export function RequireSession() {
  const { state } = useSessionApi();
  const location = useLocation();
  if (state.status === 'loading') return <Loading label="Loading the console" page />;
  if (state.status === 'signed-out') return <Navigate to={state.byUser ? '/sign-in' : signInPath(`${location.pathname}${location.search}`)} replace />;
  return <Outlet />;
}
