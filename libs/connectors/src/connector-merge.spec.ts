import { DomainError, UUID_RE } from '@app/common';
import { ConnectorEntity } from '@app/database';
import { defaultConnector } from './connector-defaults';
import type { ConnectorInput } from './connector.input';
import { mergeConnector, MergeContext } from './connector-merge';

const CUSTOMER = '7d2c1f0e-3b4a-4c5d-8e6f-0a1b2c3d4e5f';
const CLIENT_ID = '0b8f3c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b';
const SECRET = 'Qx8~abcDEF.ghiJKL_mnoPQR-stuVWX0123456789';
const NOW = new Date('2026-12-03T06:00:00Z');
const EARLIER = new Date('2026-01-01T00:00:00Z');

function context(over: Partial<MergeContext> = {}): MergeContext {
  return {
    customerId: CUSTOMER,
    graphResource: 'https://graph.microsoft.com',
    defaultAppAvailable: true,
    mailNotificationsAvailable: true,
    sealSecret: (secret, connectorId) => `sealed(${secret}|${connectorId})`,
    now: NOW,
    ...over,
  };
}

/** A saved private confidential connector, as the row would read. */
function stored(over: Partial<ConnectorEntity> = {}): ConnectorEntity {
  return Object.assign(defaultConnector(CUSTOMER, EARLIER), {
    id: '11111111-2222-4333-8444-555555555555',
    clientId: CLIENT_ID,
    clientSecretEncrypted: 'sealed-before',
    clientSecretHint: 'hint',
    clientSecretUpdatedAt: EARLIER,
    scopes: ['offline_access', 'Mail.Read'],
    ...over,
  });
}

function mergeError(existing: ConnectorEntity | null, input: ConnectorInput, ctx = context()): DomainError {
  try {
    mergeConnector(existing, input, ctx);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the merge to refuse the input');
}

describe('mergeConnector', () => {
  describe('refuses', () => {
    it.each<[string, ConnectorEntity | null, ConnectorInput, string, Array<{ field: string; code: string }>]>([
      ['a secret for a public client', stored(), { clientType: 'public', clientSecret: SECRET }, 'CLIENT_SECRET_NOT_ALLOWED', [{ field: 'clientSecret', code: 'not_allowed_for_public_client' }]],
      ['a secret for a stored public client', stored({ clientType: 'public' }), { clientSecret: SECRET }, 'CLIENT_SECRET_NOT_ALLOWED', [{ field: 'clientSecret', code: 'not_allowed_for_public_client' }]],
      ['a GUID pasted as secret (lower case)', stored(), { clientSecret: CLIENT_ID }, 'VALIDATION_FAILED', [{ field: 'clientSecret', code: 'secret_id_not_value' }]],
      ['a GUID pasted as secret (upper case, padded)', stored(), { clientSecret: ` ${CLIENT_ID.toUpperCase()} ` }, 'VALIDATION_FAILED', [{ field: 'clientSecret', code: 'secret_id_not_value' }]],
      ['an empty secret', stored(), { clientSecret: '' }, 'VALIDATION_FAILED', [{ field: 'clientSecret', code: 'invalid_secret' }]],
      ['a whitespace secret', stored(), { clientSecret: ' \t ' }, 'VALIDATION_FAILED', [{ field: 'clientSecret', code: 'invalid_secret' }]],
      ['a secret with inner spaces', stored(), { clientSecret: 'abc def' }, 'VALIDATION_FAILED', [{ field: 'clientSecret', code: 'invalid_secret' }]],
      ['the default app when none is configured', stored(), { appMode: 'default' }, 'DEFAULT_APP_UNAVAILABLE', [{ field: 'appMode', code: 'default_app_unavailable' }]],
      ['a private app without clientId', stored(), { clientId: null }, 'VALIDATION_FAILED', [{ field: 'clientId', code: 'required' }]],
      ['a first save without clientId', null, { clientSecret: SECRET }, 'VALIDATION_FAILED', [{ field: 'clientId', code: 'required' }]],
      ['a confidential app without secret', stored(), { clientSecret: null }, 'CLIENT_SECRET_REQUIRED', [{ field: 'clientSecret', code: 'required' }]],
      [
        'a first save with neither clientId nor secret',
        null,
        {},
        'CLIENT_SECRET_REQUIRED',
        [
          { field: 'clientId', code: 'required' },
          { field: 'clientSecret', code: 'required' },
        ],
      ],
      [
        'a GUID secret and no clientId, in field order',
        stored({ clientId: null }),
        { clientSecret: CLIENT_ID },
        'VALIDATION_FAILED',
        [
          { field: 'clientSecret', code: 'secret_id_not_value' },
          { field: 'clientId', code: 'required' },
        ],
      ],
      ['a tenant change that leaves a work-only scope', stored({ scopes: ['offline_access', 'Mail.Read.Shared'] }), { tenant: 'consumers' }, 'INVALID_SCOPE', [{ field: 'scopes', code: 'work_accounts_only' }]],
      ['an invalid tenant before a refused secret', stored({ clientType: 'public' }), { tenant: 'contoso', clientSecret: SECRET }, 'INVALID_TENANT', [{ field: 'tenant', code: 'invalid_tenant' }]],
      ['an invalid scope before a refused secret', stored({ clientType: 'public' }), { scopes: ['Sites.Read.All'], clientSecret: SECRET }, 'INVALID_SCOPE', [{ field: 'scopes', code: 'unknown_scope' }]],
    ])('%s', (_case, existing, input, code, fields) => {
      const error = mergeError(existing, input, context({ defaultAppAvailable: code !== 'DEFAULT_APP_UNAVAILABLE' }));
      expect(error.code).toBe(code);
      expect(error.extras.errors?.map(({ field, code: c }) => ({ field, code: c }))).toEqual(fields);
    });

    it('a secret for a public client before the default-app check', () => {
      const error = mergeError(stored(), { appMode: 'default', clientType: 'public', clientSecret: SECRET }, context({ defaultAppAvailable: false }));
      expect(error.code).toBe('CLIENT_SECRET_NOT_ALLOWED');
    });

    it('the default app when none is configured, even with field errors collected', () => {
      const error = mergeError(stored(), { appMode: 'default', clientSecret: 'a b' }, context({ defaultAppAvailable: false }));
      expect(error.code).toBe('DEFAULT_APP_UNAVAILABLE');
    });

    it('joins the messages of every field error', () => {
      const error = mergeError(stored({ clientId: null }), { clientSecret: 'a b' });
      expect(error.message).toBe(
        'clientSecret must not be empty or contain spaces; clientId is required for a private app: copy the Application (client) ID from the Azure app overview',
      );
    });
  });

  describe('accepts', () => {
    it.each<[string, ConnectorEntity | null, ConnectorInput, Partial<ConnectorEntity>]>([
      ['a first save from the defaults', null, { clientId: CLIENT_ID, clientSecret: SECRET }, { customerId: CUSTOMER, kind: 'outlook-email', tenant: 'common', displayName: 'Outlook Email', enabled: true, multipleAccounts: false }],
      ['a client id in upper case, stored lower', stored(), { clientId: CLIENT_ID.toUpperCase() }, { clientId: CLIENT_ID }],
      ['a public client without secret', stored({ clientSecretEncrypted: null }), { clientType: 'public' }, { clientType: 'public', clientSecretEncrypted: null }],
      ['the default app without clientId or secret', stored({ clientId: null, clientSecretEncrypted: null }), { appMode: 'default' }, { appMode: 'default', clientId: null }],
      ['a tenant change renormalising the stored scopes', stored({ scopes: ['https://graph.microsoft.com/Mail.Read', 'user.read'] }), { tenant: 'Contoso.OnMicrosoft.com' }, { tenant: 'contoso.onmicrosoft.com', scopes: ['offline_access', 'Mail.Read', 'User.Read'] }],
      ['new scopes normalised', stored(), { scopes: ['mail.send', 'Mail.Send'] }, { scopes: ['offline_access', 'Mail.Send'] }],
      ['catalog fields, the display name trimmed', stored(), { displayName: '  Mail  ', description: null, logoUrl: 'https://cdn.example.com/l.png', enabled: false, multipleAccounts: true }, { displayName: 'Mail', description: null, logoUrl: 'https://cdn.example.com/l.png', enabled: false, multipleAccounts: true }],
      ['a secret expiry', stored(), { clientSecretExpiresAt: '2027-05-01' }, { clientSecretExpiresAt: new Date('2027-05-01') }],
      ['a cleared secret expiry', stored({ clientSecretExpiresAt: EARLIER }), { clientSecretExpiresAt: null }, { clientSecretExpiresAt: null }],
      ['a cleared secret on a public client', stored({ clientType: 'public' }), { clientSecret: null }, { clientSecretEncrypted: null, clientSecretHint: null, clientSecretUpdatedAt: NOW }],
    ])('%s', (_case, existing, input, expected) => {
      expect(mergeConnector(existing, input, context())).toMatchObject(expected);
    });

    it('seals a new secret to the row, trimmed, with its last four characters as hint', () => {
      const existing = stored();
      const next = mergeConnector(existing, { clientSecret: ` ${SECRET} ` }, context());
      expect(next).toMatchObject({ clientSecretEncrypted: `sealed(${SECRET}|${existing.id})`, clientSecretHint: '6789', clientSecretUpdatedAt: NOW });
    });

    it('gives a first save a fresh id and seals its secret to that id', () => {
      const next = mergeConnector(null, { clientId: CLIENT_ID, clientSecret: SECRET }, context());
      expect(next.id).toMatch(UUID_RE);
      expect(next.clientSecretEncrypted).toBe(`sealed(${SECRET}|${next.id})`);
      expect(next.scopes).toEqual(['offline_access', 'openid', 'profile', 'email', 'User.Read', 'Mail.Read']);
      expect(next.createdAt).toEqual(NOW);
    });

    it('keeps every field left out of a partial update, stored scopes included as they are', () => {
      const existing = stored({
        tenant: 'organizations',
        scopes: ['offline_access', 'https://graph.microsoft.com/.default'],
        displayName: 'Kept',
        description: 'kept',
        clientSecretExpiresAt: EARLIER,
        misconfiguredAt: EARLIER,
        misconfiguredCode: 'invalid_client',
      });
      const next = mergeConnector(existing, { enabled: false }, context());
      expect(next).toEqual(Object.assign(new ConnectorEntity(), existing, { enabled: false }));
      expect(next).not.toBe(existing);
      expect(existing.enabled).toBe(true);
    });

    it('keeps the misconfiguration flag through a save (the re-check lifts it)', () => {
      const next = mergeConnector(stored({ misconfiguredAt: EARLIER, misconfiguredCode: 'invalid_client' }), { clientSecret: SECRET }, context());
      expect(next).toMatchObject({ misconfiguredAt: EARLIER, misconfiguredCode: 'invalid_client' });
    });

    it('does not renormalise stored scopes when neither scopes nor tenant change', () => {
      const next = mergeConnector(stored({ scopes: ['offline_access', 'https://graph.microsoft.com/Mail.Read'] }), { displayName: 'X' }, context());
      expect(next.scopes).toEqual(['offline_access', 'https://graph.microsoft.com/Mail.Read']);
    });
  });

  describe('mail notifications', () => {
    it('are off by default, and turning them on keeps the folder and change types given, deduplicated in Graph order', () => {
      expect(mergeConnector(stored(), {}, context())).toMatchObject({ mailNotificationsEnabled: false, mailNotificationsFolder: 'inbox', mailNotificationsChangeTypes: ['created'] });
      const next = mergeConnector(stored(), { mailNotifications: { enabled: true, folder: 'all', changeTypes: ['deleted', 'created', 'deleted'] } }, context());
      expect(next).toMatchObject({ mailNotificationsEnabled: true, mailNotificationsFolder: 'all', mailNotificationsChangeTypes: ['created', 'deleted'] });
    });

    it('refuse to turn on without a mail read scope, naming the scope to add', () => {
      const error = mergeError(stored({ scopes: ['offline_access', 'User.Read'] }), { mailNotifications: { enabled: true } });
      expect(error.code).toBe('MAIL_SCOPE_REQUIRED');
      expect(error.message).toContain('Mail.ReadBasic');
      expect(error.extras.errors).toEqual([expect.objectContaining({ field: 'scopes', code: 'mail_scope_required', value: 'Mail.ReadBasic' })]);
      expect(mergeConnector(stored({ scopes: ['offline_access', 'Mail.ReadBasic'] }), { mailNotifications: { enabled: true } }, context()).mailNotificationsEnabled).toBe(true);
    });

    it('refuse removing the last mail scope while on', () => {
      const on = stored({ mailNotificationsEnabled: true });
      expect(mergeError(on, { scopes: ['User.Read'] }).code).toBe('MAIL_SCOPE_REQUIRED');
      expect(mergeConnector(on, { scopes: ['User.Read'], mailNotifications: { enabled: false } }, context()).mailNotificationsEnabled).toBe(false);
    });

    it('refuse to turn on where Graph cannot reach the installation', () => {
      expect(mergeError(stored(), { mailNotifications: { enabled: true } }, context({ mailNotificationsAvailable: false })).code).toBe('MAIL_NOTIFICATIONS_UNAVAILABLE');
    });
  });
});
