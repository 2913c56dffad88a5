import type { ConnectionDetail } from '../api/types';
import { DateTime } from './date-time';
import { StatusBadge } from './status-badge';

const EXPLAINED: Record<ConnectionDetail['mailNotifications']['status'], string> = {
  active: 'Graph notifies Latchkey of new mail; Latchkey renews the subscription before it expires.',
  pending: 'The subscription is being created.',
  paused: 'Paused while the user must reconnect; it resumes when they do.',
  failed: 'Graph refused the subscription; Latchkey tries again (see the error).',
  off: 'Mail notifications are off on the connector.',
};

/** The connection's Graph mail subscription, as GET /v1/connections/{id} shows it. */
export function MailNotificationsPanel({ mail }: { mail: ConnectionDetail['mailNotifications'] }) {
  return (
    <section className="panel" aria-labelledby="mail-title">
      <h2 id="mail-title">Mail notifications</h2>
      <p>
        <StatusBadge status={mail.status} label={mail.status === 'off' ? 'Off' : mail.status === 'paused' ? 'Paused' : undefined} /> {EXPLAINED[mail.status]}
      </p>
      {mail.status !== 'off' && (
        <dl className="facts">
          <dt>Subscription</dt>
          <dd>{mail.subscriptionId ? <code>{mail.subscriptionId}</code> : <span className="muted">None yet</span>}</dd>
          <dt>Expires</dt>
          <dd>
            <DateTime value={mail.expiresAt} relative empty="—" />
          </dd>
          <dt>Last notification</dt>
          <dd>
            <DateTime value={mail.lastNotificationAt} empty="None yet" />
          </dd>
          {mail.lastError && (
            <>
              <dt>Last error</dt>
              <dd>{mail.lastError}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
