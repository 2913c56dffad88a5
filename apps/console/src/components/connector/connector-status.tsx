import type { ApiError } from '../../api/api-error';
import type { ConnectorView } from '../../api/types';
import type { FieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format';
import { Notice } from '../notice';
import { ProblemAlert } from '../problem-alert';
import { StatusBadge } from '../status-badge';

interface Props {
  view: ConnectorView;
  error: ApiError | null;
  fields: FieldErrors;
  /** The form fields on the page: the API's messages for any other field go in the summary. */
  shown: string[];
}

/** The top of the form: enabled or not, the connector's warnings (secret warnings sit by the secret), the last problem. */
export function ConnectorStatus({ view, error, fields, shown }: Props) {
  const topWarnings = view.warnings.filter((w) => !w.code.startsWith('client_secret_'));
  return (
    <>
      <div className="status-row">
        <StatusBadge status={view.configured ? (view.enabled ? 'enabled' : 'disabled') : 'not_configured'} />
        {view.updatedAt && <span className="muted small">Last saved {formatDateTime(view.updatedAt)}</span>}
      </div>
      {topWarnings.map((w) => (
        <Notice kind="warn" key={w.code}>
          <p>{w.message}</p>
        </Notice>
      ))}
      <div tabIndex={-1} id="connector-problem">
        <ProblemAlert error={error} unplaced={fields.unplaced(shown)} />
      </div>
    </>
  );
}
