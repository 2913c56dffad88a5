import type { AppConfig } from '@app/config';
import { ConnectorEntity } from '@app/database';
import { defaultConnector } from './connector-defaults';
import { toConnectorView } from './connector.view';

const NOW = new Date('2026-12-03T00:00:00Z');
const DAY = 86_400_000;
const config = (defaultApp: { clientId: string; clientSecret: string } | null = null) =>
  ({ publicUrl: 'https://lk.example.com', microsoft: { defaultApp }, mailNotifications: { notificationUrl: 'https://lk.example.com/graph/notifications', lifecycleUrl: 'https://lk.example.com/graph/lifecycle' } }) as unknown as AppConfig;

function connector(over: Partial<ConnectorEntity> = {}): ConnectorEntity {
  return Object.assign(defaultConnector('7d2c1f0e-3b4a-4c5d-8e6f-0a1b2c3d4e5f', NOW), { clientId: '0b8f3c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b', clientSecretEncrypted: 'x', ...over });
}

const codes = (entity: ConnectorEntity, configured = true, missing = 0) => toConnectorView(entity, 'acme', config(), configured, missing, NOW).warnings.map((w) => w.code);

describe('toConnectorView', () => {
  it.each<[string, Partial<ConnectorEntity>, number, string[]]>([
    ['nothing to say', {}, 0, []],
    ['a secret expiring within 30 days', { clientSecretExpiresAt: new Date(NOW.getTime() + 10 * DAY) }, 0, ['client_secret_expiring']],
    ['a secret expiring in 30 days or more', { clientSecretExpiresAt: new Date(NOW.getTime() + 30 * DAY) }, 0, []],
    ['an expired secret', { clientSecretExpiresAt: new Date(NOW.getTime() - DAY) }, 0, ['client_secret_expired']],
    ['no expiry warning for a public client', { clientType: 'public', clientSecretExpiresAt: new Date(NOW.getTime() - DAY) }, 0, []],
    ['no expiry warning for the default app', { appMode: 'default', clientSecretExpiresAt: new Date(NOW.getTime() - DAY) }, 0, []],
    [
      'a refused app first, then the secret, then missing scopes',
      { misconfiguredAt: NOW, misconfiguredCode: 'invalid_client', clientSecretExpiresAt: new Date(NOW.getTime() - DAY) },
      2,
      ['connector_misconfigured', 'client_secret_expired', 'connections_missing_scopes'],
    ],
  ])('warns: %s', (_case, over, missing, expected) => expect(codes(connector(over), true, missing)).toEqual(expected));

  it('shows no secret or misconfiguration warning before the first save', () => {
    expect(codes(connector({ misconfiguredAt: NOW, clientSecretExpiresAt: new Date(NOW.getTime() - DAY) }), false)).toEqual([]);
  });

  it('names the code and reason of a refused app', () => {
    const [warning] = toConnectorView(connector({ misconfiguredAt: NOW, misconfiguredCode: 'invalid_client', misconfiguredReason: 'Bad secret.' }), 'acme', config(), true, 0, NOW).warnings;
    expect(warning.message).toBe('Microsoft refused this app on 2026-12-03T00:00:00.000Z (invalid_client): Bad secret. Token refreshes are paused until you save a fix here.');
  });

  it('shows the secret as metadata only, with whole days to its expiry', () => {
    const view = toConnectorView(connector({ clientSecretHint: 'abcd', clientSecretExpiresAt: new Date(NOW.getTime() + 2.5 * DAY) }), 'acme', config(), true, 0, NOW);
    expect(view.clientSecret).toEqual({ set: true, updatedAt: null, hint: 'abcd', expiresAt: '2026-12-05T12:00:00.000Z', expiresInDays: 2 });
    expect(JSON.stringify(view)).not.toContain('"x"');
  });

  it.each([
    ['a private confidential app', {}, 'https://lk.example.com/oauth/callback/acme', 'web', true],
    ['a private public client', { clientType: 'public' as const }, 'https://lk.example.com/oauth/callback/acme', 'mobile_and_desktop', true],
    ['the default app', { appMode: 'default' as const }, 'https://lk.example.com/oauth/callback', 'web', false],
  ])('redirects %s to its callback', (_case, over, url, platform, registrationRequired) => {
    const view = toConnectorView(connector(over), 'acme', config({ clientId: 'platform-id', clientSecret: 's' }), true, 0, NOW);
    expect(view.callbackUrl).toBe(url);
    expect(view.redirectUri).toMatchObject({ url, platform, registrationRequired });
  });

  it('shows the platform client id for the default app and details every scope', () => {
    const view = toConnectorView(connector({ appMode: 'default', scopes: ['offline_access', 'Mail.Read.Shared', 'Unknown.Scope'] }), 'acme', config({ clientId: 'platform-id', clientSecret: 's' }), true, 0, NOW);
    expect(view).toMatchObject({ clientId: 'platform-id', defaultAppAvailable: true });
    expect(view.scopeDetails).toEqual([
      { name: 'offline_access', required: true, adminConsentRequired: false, workAccountsOnly: false },
      { name: 'Mail.Read.Shared', required: false, adminConsentRequired: false, workAccountsOnly: true },
      { name: 'Unknown.Scope', required: false, adminConsentRequired: false, workAccountsOnly: false },
    ]);
  });
});
