import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/api-client';
import { ApiError, isApiError } from '../api/api-error';
import type { WebhookEndpoint, WebhookEndpointInput } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { DeliveryLog } from '../components/webhooks/delivery-log';
import { EndpointActions } from '../components/webhooks/endpoint-actions';
import { EndpointForm } from '../components/webhooks/endpoint-form';
import { EndpointStatus } from '../components/webhooks/endpoint-status';
import { useApi } from '../hooks/use-api';

/** One endpoint: its status, edit, test, rotate, enable/disable, delete, and its delivery log. */
export function WebhookDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const endpoint = useApi((signal) => api.get<WebhookEndpoint>(`/v1/webhook-endpoints/${id}`, { signal }), [id]);
  const [saved, setSaved] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const [logGeneration, setLogGeneration] = useState(0);

  async function save(input: WebhookEndpointInput) {
    setSaved(false);
    endpoint.setData(await api.patch<WebhookEndpoint>(`/v1/webhook-endpoints/${id}`, input));
    setSaved(true);
  }

  async function remove() {
    setDeleteError(null);
    try {
      await api.delete(`/v1/webhook-endpoints/${id}`);
      navigate('/webhooks');
    } catch (e) {
      setDeleteError(isApiError(e) ? e : ApiError.network());
    }
  }

  const e = endpoint.data;
  return (
    <>
      <p className="back">
        <Link to="/webhooks">← Webhooks</Link>
      </p>
      <PageHeader
        title="Webhook endpoint"
        actions={
          e && (
            <ConfirmButton question="Delete this endpoint? Pending deliveries to it are dropped." confirmLabel="Yes, delete" onConfirm={remove}>
              Delete
            </ConfirmButton>
          )
        }
      >
        {e && (
          <p>
            <code>{e.url}</code> <EndpointStatus endpoint={e} />
          </p>
        )}
      </PageHeader>
      {endpoint.loading && !e && <Loading label="Loading the endpoint" />}
      <ProblemAlert error={endpoint.error ?? deleteError} />
      {e && !e.enabled && (
        <Notice kind="warn" title="This endpoint is disabled">
          <p>{e.disabledReason ?? 'It was disabled by hand.'} No events are sent to it; enable it below once it answers again.</p>
        </Notice>
      )}
      {e && (
        <>
          <EndpointActions
            endpoint={e}
            onChanged={(next) => {
              if (next) endpoint.setData(next);
              else endpoint.reload();
              setLogGeneration((g) => g + 1);
            }}
          />
          <section className="panel" aria-labelledby="edit-endpoint-title">
            <h2 id="edit-endpoint-title">Settings</h2>
            {saved && <Notice kind="ok" title="Saved" />}
            <EndpointForm key={e.updatedAt} idPrefix="edit-endpoint" initial={e} submitLabel="Save" busyLabel="Saving…" onSubmit={save} />
          </section>
          <DeliveryLog endpointId={e.id} generation={logGeneration} />
        </>
      )}
    </>
  );
}
