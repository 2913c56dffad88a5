import type { WebhookEndpoint } from '../../api/types';
import { DateTime } from '../date-time';
import { StatusBadge } from '../status-badge';

/** Enabled or disabled, with why it was disabled (e.g. every attempt failed for 5 days) and since when it fails. */
export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  return (
    <span className="webhook-status">
      <StatusBadge status={endpoint.enabled ? 'enabled' : 'disabled'} />
      {!endpoint.enabled && (endpoint.disabledReason || endpoint.disabledCode) && (
        <span className="small cell-note webhook-disabled-reason">
          {endpoint.disabledReason ?? endpoint.disabledCode}
          {endpoint.disabledAt && (
            <>
              {' '}
              (<DateTime value={endpoint.disabledAt} />)
            </>
          )}
        </span>
      )}
      {endpoint.enabled && endpoint.failingSince && (
        <span className="small cell-note webhook-failing">
          Failing since <DateTime value={endpoint.failingSince} relative />
        </span>
      )}
    </span>
  );
}
