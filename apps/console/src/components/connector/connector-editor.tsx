import type { ConnectorView, ScopeDefinition } from '../../api/types';
import { fieldsShown, isDirty, platformLabel } from '../../lib/connector-form';
import { FieldErrors } from '../../lib/field-errors';
import { useSession } from '../../session/session-context';
import { AppSection } from './app-section';
import { AvailabilitySection } from './availability-section';
import { CallbackUrlPanel } from './callback-url-panel';
import { CatalogSection } from './catalog-section';
import { ConnectorStatus } from './connector-status';
import { MailNotificationsSection } from './mail-notifications-section';
import { SaveBar } from './save-bar';
import { ScopesSection } from './scopes-section';
import { SetupSteps } from './setup-steps';
import { useConnectorEditor } from './use-connector-editor';

/** The connector form, section by section, beside the Azure setup steps for the chosen app. */
export function ConnectorEditor({ initial, catalog }: { initial: ConnectorView; catalog: ScopeDefinition[] }) {
  const session = useSession();
  const { view, form, set, error, saving, saved, save } = useConnectorEditor(initial);
  const fields = FieldErrors.of(error);
  const platform = platformLabel(form.clientType);
  const section = { form, set, fields };

  return (
    <div className="connector-layout">
      <form className="connector-form" onSubmit={save} noValidate aria-describedby={error ? 'connector-problem' : undefined}>
        <ConnectorStatus view={view} error={error} fields={fields} shown={fieldsShown(form)} />
        <CallbackUrlPanel view={view} appMode={form.appMode} platform={platform} />
        <AppSection view={view} {...section} />
        <ScopesSection catalog={catalog} {...section} />
        <CatalogSection customerName={session.customer.name} {...section} />
        <AvailabilitySection {...section} />
        <MailNotificationsSection view={view} {...section} />
        <SaveBar saving={saving} configured={view.configured} saved={saved} failed={error !== null} dirty={isDirty(form, view)} />
      </form>
      <SetupSteps appMode={form.appMode} clientType={form.clientType} platform={platform} />
    </div>
  );
}
