import { FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import { ApiError, isApiError } from '../api/api-error';
import type { ConsoleSession } from '../api/types';
import { AuthLayout } from '../components/auth-layout';
import { Field } from '../components/field';
import { Notice } from '../components/notice';
import { FieldErrors } from '../lib/field-errors';
import { minutesFromSeconds } from '../lib/format';
import { useSessionApi } from '../session/session-context';
import { safeReturnPath } from '../session/return-path';

function message(error: ApiError): string {
  if (error.code === 'TOO_MANY_SIGN_IN_ATTEMPTS') {
    const wait = error.retryAfter !== null ? ` Try again in ${minutesFromSeconds(error.retryAfter)} minute(s).` : ' Try again later.';
    return `Too many failed sign-ins for this account.${wait}`;
  }
  return error.summary;
}

export function SignInPage() {
  const { state, signedIn } = useSessionApi();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeReturnPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in') return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<ConsoleSession>('/v1/console/sign-in', { email: email.trim(), password }, { redirectOn401: false });
      signedIn(session);
      navigate(next, { replace: true });
    } catch (e) {
      setError(isApiError(e) ? e : ApiError.network());
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const fields = FieldErrors.of(error?.code === 'VALIDATION_FAILED' ? error : null);
  return (
    <AuthLayout title="Sign in to the console">
      <p className="muted">Configure your Outlook Email connector, see your users' connections and manage API keys.</p>
      {error && (
        <Notice kind="bad">
          <p>{message(error)}</p>
        </Notice>
      )}
      <form onSubmit={submit} noValidate className="stack">
        <Field id="email" label="Email" error={fields.for('email')}>
          {(p) => <input {...p} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />}
        </Field>
        <Field id="password" label="Password" error={fields.for('password')}>
          {(p) => (
            <input {...p} type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          )}
        </Field>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted small">New here? Use the invite link from your Latchkey operator to choose a password. Forgot it? Ask them for a new link.</p>
    </AuthLayout>
  );
}
