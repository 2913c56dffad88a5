import type { ConnectorView, MailChangeType } from '../../api/types';
import { FieldError } from '../field';
import type { ConnectorSectionProps } from './connector-section';

const CHANGE_TYPES: Array<{ value: MailChangeType; label: string }> = [
  { value: 'created', label: 'New messages' },
  { value: 'updated', label: 'Changed messages (read, flagged, moved)' },
  { value: 'deleted', label: 'Deleted messages' },
];
const MAIL_READ_SCOPES = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite', '.default'];

/** Graph change notifications: Latchkey keeps a subscription per connection and sends mail.* webhook events. */
export function MailNotificationsSection({ form, set, fields, view }: ConnectorSectionProps & { view: ConnectorView }) {
  const hasMailScope = form.scopes.some((s) => MAIL_READ_SCOPES.includes(s));
  const toggleType = (type: MailChangeType, on: boolean) =>
    set('mailChangeTypes', CHANGE_TYPES.map((t) => t.value).filter((t) => (t === type ? on : form.mailChangeTypes.includes(t))));
  return (
    <section className="panel" aria-labelledby="mail-title">
      <h2 id="mail-title">Mail notifications</h2>
      <div className="toggle-field">
        <input
          type="checkbox"
          role="switch"
          id="mailNotifications.enabled"
          checked={form.mailEnabled}
          onChange={(e) => set('mailEnabled', e.target.checked)}
          aria-describedby="mail-enabled-hint"
        />
        <label htmlFor="mailNotifications.enabled">
          <strong>Push new mail as webhook events</strong>
        </label>
        <p className="hint" id="mail-enabled-hint">
          Latchkey keeps a Microsoft Graph subscription alive for every active connection and sends <code>mail.message.*</code> events (ids only, no
          content) to your webhook endpoints that take them.
          {!hasMailScope && form.mailEnabled && ' Needs Mail.ReadBasic or Mail.Read in the scopes above.'}
        </p>
        <FieldError id="mailNotifications.enabled-error" error={fields.for('mailNotifications.enabled')} />
      </div>
      {form.mailEnabled && (
        <>
          <div className="field">
            <label htmlFor="mailNotifications.folder">Folder</label>
            <select id="mailNotifications.folder" value={form.mailFolder} onChange={(e) => set('mailFolder', e.target.value as typeof form.mailFolder)}>
              <option value="inbox">Inbox only</option>
              <option value="all">The whole mailbox</option>
            </select>
            <FieldError id="mailNotifications.folder-error" error={fields.for('mailNotifications.folder')} />
          </div>
          <fieldset className="field">
            <legend>Changes to notify</legend>
            {CHANGE_TYPES.map((t) => (
              <div className="toggle-field" key={t.value}>
                <input type="checkbox" id={`mail-change-${t.value}`} checked={form.mailChangeTypes.includes(t.value)} onChange={(e) => toggleType(t.value, e.target.checked)} />
                <label htmlFor={`mail-change-${t.value}`}>{t.label}</label>
              </div>
            ))}
            <FieldError id="mailNotifications.changeTypes-error" error={fields.for('mailNotifications.changeTypes')} />
          </fieldset>
          <p className="hint">
            Graph calls <code>{view.mailNotifications.notificationUrl}</code> and <code>{view.mailNotifications.lifecycleNotificationUrl}</code>. Each
            connection shows its subscription on its page.
          </p>
        </>
      )}
    </section>
  );
}
