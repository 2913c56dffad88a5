import type { ConnectorView } from '../../api/types';
import { CopyableValue } from '../copyable-value';

interface Props {
  view: ConnectorView;
  appMode: ConnectorView['appMode'];
  platform: string;
}

/** The exact redirect URI to register in Azure, and the platform type to register it under. */
export function CallbackUrlPanel({ view, appMode, platform }: Props) {
  const modeChanged = appMode !== view.appMode;
  if (appMode === 'default') {
    return (
      <section className="panel callback" aria-labelledby="callback-title">
        <h2 id="callback-title">Callback URL</h2>
        <p>The platform's own Azure app signs your users in. There is nothing to register in Azure.</p>
        {modeChanged && <p className="muted small">Save to switch to the platform app.</p>}
      </section>
    );
  }
  return (
    <section className="panel callback" aria-labelledby="callback-title">
      <h2 id="callback-title">Callback URL (redirect URI)</h2>
      {modeChanged ? (
        <p className="muted">Save with “Your own Azure app” selected to see the callback URL to register.</p>
      ) : (
        <>
          <CopyableValue id="callback-url" value={view.redirectUri.url} label="Copy callback URL" />
          <p className="callback-platform">
            In Azure, register it under <strong>Authentication → Add a platform → {platform}</strong>, exactly as shown (it is case sensitive).
          </p>
        </>
      )}
    </section>
  );
}
