import type { ConnectorView } from '../../api/types';
import { formatDate } from '../../lib/format';
import { Field } from '../field';

interface Props {
  secret: ConnectorView['clientSecret'];
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** Write-only: shows whether a secret is stored, since when and its last 4 characters; typing replaces it on save. */
export function ClientSecretField({ secret, value, onChange, error }: Props) {
  const status = secret.set ? (
    <>
      Set{secret.updatedAt ? ` on ${formatDate(secret.updatedAt)}` : ''}, ends in <code className="secret-hint">••••{secret.hint ?? '????'}</code>. Leave empty to keep it.
    </>
  ) : (
    <>No secret is stored yet.</>
  );
  return (
    <Field
      id="clientSecret"
      label={secret.set ? 'Replace client secret' : 'Client secret value'}
      hint={
        <>
          <span className="secret-status">{status}</span> Paste the secret's <strong>Value</strong>, not its Secret ID.
        </>
      }
      error={error}
    >
      {(p) => (
        <input
          {...p}
          type="password"
          name="clientSecret"
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={secret.set ? 'New secret value' : 'Secret value'}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
