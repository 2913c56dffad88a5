import { FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api/api-client';
import { ApiError, isApiError } from '../api/api-error';
import type { ConsoleSession, InviteView } from '../api/types';
import { AuthLayout } from '../components/auth-layout';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { ProblemAlert } from '../components/problem-alert';
import { useApi } from '../hooks/use-api';
import { FieldErrors } from '../lib/field-errors';
import { formatDateTime } from '../lib/format';
import { useSessionApi } from '../session/session-context';

const MIN_PASSWORD = 12;

/** The token rides in the link's #fragment (never sent to a server); links issued before that have it in the path. */
function useInviteToken(): string {
  const { token } = useParams();
  const { hash } = useLocation();
  return new URLSearchParams(hash.slice(1)).get('token') ?? token ?? '';
}

/** An invite link: choose a password, and the member is signed in. */
export function InvitePage() {
  const token = useInviteToken();
  const { signedIn } = useSessionApi();
  const navigate = useNavigate();
  const invite = useApi((signal) => api.post<InviteView>('/v1/console/invites/lookup', { token }, { signal, redirectOn401: false }), [token]);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (password !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      const session = await api.post<ConsoleSession>('/v1/console/invites/accept', { token, password }, { redirectOn401: false });
      signedIn(session);
      navigate('/connector', { replace: true });
    } catch (e) {
      setError(isApiError(e) ? e : ApiError.network());
    } finally {
      setBusy(false);
    }
  }

  if (invite.loading) return <AuthLayout title="Join the console"><Loading label="Checking the invite" /></AuthLayout>;
  if (invite.error || !invite.data) {
    return (
      <AuthLayout title="This invite link does not work">
        <Notice kind="bad">
          <p>{invite.error?.code === 'INVITE_NOT_FOUND' ? 'It is unknown, already used or expired. Ask your Latchkey operator for a new link.' : invite.error?.summary}</p>
        </Notice>
        <p>
          <Link to="/sign-in">Go to sign in</Link>
        </p>
      </AuthLayout>
    );
  }

  const fields = FieldErrors.of(error);
  return (
    <AuthLayout title={`Join ${invite.data.customerName}`}>
      <p className="muted">
        Choose a password for <strong>{invite.data.email}</strong>. The link works once, until {formatDateTime(invite.data.expiresAt)}.
      </p>
      <ProblemAlert error={error && !fields.for('password') ? error : null} />
      <form onSubmit={submit} noValidate className="stack">
        <input type="email" name="email" autoComplete="username" value={invite.data.email} readOnly hidden />
        <Field id="new-password" label="Password" hint={`At least ${MIN_PASSWORD} characters. A passphrase of a few words works well.`} error={fields.for('password')}>
          {(p) => (
            <input {...p} type="password" name="password" autoComplete="new-password" minLength={MIN_PASSWORD} value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
          )}
        </Field>
        <Field id="confirm-password" label="Password again" error={mismatch ? 'The two passwords differ.' : undefined}>
          {(p) => <input {...p} type="password" name="confirm" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />}
        </Field>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Setting the password…' : 'Set password and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
