import { api } from '../api/api-client';
import type { ConnectorView, ScopeList } from '../api/types';
import { ConnectorEditor } from '../components/connector/connector-editor';
import { CONNECTOR_PATH } from '../components/connector/use-connector-editor';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { useApi } from '../hooks/use-api';

export function ConnectorPage() {
  const loaded = useApi((signal) => Promise.all([api.get<ConnectorView>(CONNECTOR_PATH, { signal }), api.get<ScopeList>('/v1/scopes/outlook-email', { signal })]), []);
  return (
    <>
      <PageHeader title="Outlook Email connector">
        <p>How your users connect their Microsoft mailbox: your Azure app, the permissions you ask for and how the connector looks in your catalog.</p>
      </PageHeader>
      {loaded.loading && !loaded.data && <Loading label="Loading the connector" />}
      {loaded.error && <ProblemAlert error={loaded.error} />}
      {loaded.data && <ConnectorEditor initial={loaded.data[0]} catalog={loaded.data[1].data} />}
    </>
  );
}
