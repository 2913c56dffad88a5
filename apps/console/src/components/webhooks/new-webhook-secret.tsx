import { CopyableValue } from '../copyable-value';
import { Notice } from '../notice';

/** A signing secret (new endpoint or rotation), shown this once. */
export function NewWebhookSecret({ secret, rotated, onDone }: { secret: string; rotated?: boolean; onDone: () => void }) {
  return (
    <Notice kind="ok" title={rotated ? 'Signing secret rotated' : 'Endpoint created'}>
      <p>
        Copy the signing secret into your receiver's configuration. <strong>It is shown only this once.</strong>
        {rotated && ' The previous secret keeps signing alongside it for 24 hours, so you can switch without dropping deliveries.'}
      </p>
      <CopyableValue id="new-webhook-secret" value={secret} label="Copy the signing secret" secret />
      <button type="button" className="button button-small button-secondary" onClick={onDone}>
        I have stored it
      </button>
    </Notice>
  );
}
