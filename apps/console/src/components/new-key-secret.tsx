import type { CreatedApiKey } from '../api/types';
import { CopyableValue } from './copyable-value';
import { Notice } from './notice';

/** A new key's secret, shown this once. */
export function NewKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <Notice kind="ok" title={`Key “${created.name ?? created.prefix}” created`}>
      <p>
        Copy it now and store it in your backend's secrets. <strong>It is shown only this once</strong>; Latchkey keeps only a hash.
      </p>
      <CopyableValue id="new-key-secret" value={created.secret} label="Copy the new API key" secret />
      <button type="button" className="button button-small button-secondary" onClick={onDone}>
        I have stored it
      </button>
    </Notice>
  );
}
