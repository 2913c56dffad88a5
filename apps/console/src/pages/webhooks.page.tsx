import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/api-client';
import type { CreatedWebhookEndpoint, WebhookEndpointInput, WebhookEndpointList } from '../api/types';
import { DateTime } from '../components/date-time';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { EndpointForm } from '../components/webhooks/endpoint-form';
import { EndpointStatus } from '../components/webhooks/endpoint-status';
import { NewWebhookSecret } from '../components/webhooks/new-webhook-secret';
import { useApi } from '../hooks/use-api';

/** The customer's webhook endpoints: their status, and a form to add one (its signing secret shown once). */
export function WebhooksPage() {
  const list = useApi((signal) => api.get<WebhookEndpointList>('/v1/webhook-endpoints', { signal }), []);
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);

  async function create(input: WebhookEndpointInput) {
    const endpoint = await api.post<CreatedWebhookEndpoint>('/v1/webhook-endpoints', input);
    setCreated(endpoint);
    list.reload();
  }

  const rows = list.data?.data ?? [];
  return (
    <>
      <PageHeader title="Webhooks">
        <p>
          Latchkey POSTs an event to your endpoints when a connection or the connector changes, signed per <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>.
          Answer 2xx quickly; failed deliveries are retried with backoff.
        </p>
      </PageHeader>
      {created && <NewWebhookSecret secret={created.secret} onDone={() => setCreated(null)} />}
      <section className="webhook-endpoints" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title" className="section-title">
          Endpoints
        </h2>
        {list.loading && !list.data && <Loading label="Loading endpoints" />}
        <ProblemAlert error={list.error} />
        {list.data && rows.length === 0 && (
          <div className="empty">
            <p>No endpoints yet. Add one below to receive events.</p>
          </div>
        )}
        {rows.length > 0 && (
          <div className="table-wrap">
            <table className="table responsive-table webhooks-table">
              <caption className="visually-hidden">Webhook endpoints</caption>
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id} className={e.enabled ? undefined : 'row-muted'}>
                    <td data-label="URL">
                      <Link to={`/webhooks/${e.id}`}>
                        <code>{e.url}</code>
                      </Link>
                      {e.description && <span className="muted small cell-note">{e.description}</span>}
                    </td>
                    <td data-label="Events">{e.events.length}</td>
                    <td data-label="Status">
                      <EndpointStatus endpoint={e} />
                    </td>
                    <td data-label="Created">
                      <DateTime value={e.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="add-endpoint-title">
        <h2 id="add-endpoint-title">Add an endpoint</h2>
        <EndpointForm idPrefix="new-endpoint" submitLabel="Add endpoint" busyLabel="Adding…" onSubmit={create} />
      </section>
    </>
  );
}
