import type { AppMode, ClientType, ConnectorUpdate, ConnectorView, MailChangeType, MailFolder } from '../api/types';

const SECRET_WARNING_DAYS = 30;
export const OFFLINE_ACCESS = 'offline_access';

/** What the connector page edits; the client secret is never read back, only typed to replace it. */
export interface ConnectorForm {
  appMode: AppMode;
  clientId: string;
  clientType: ClientType;
  clientSecret: string;
  /** yyyy-mm-dd, or '' for none. */
  clientSecretExpiresAt: string;
  tenant: string;
  scopes: string[];
  displayName: string;
  description: string;
  logoUrl: string;
  enabled: boolean;
  multipleAccounts: boolean;
  mailEnabled: boolean;
  mailFolder: MailFolder;
  mailChangeTypes: MailChangeType[];
}

/** Field names in page order, to focus the first one the API refused. */
export const CONNECTOR_FIELD_ORDER = [
  'appMode',
  'clientType',
  'clientId',
  'clientSecret',
  'clientSecretExpiresAt',
  'tenant',
  'scopes',
  'displayName',
  'description',
  'logoUrl',
  'enabled',
  'multipleAccounts',
  'mailNotifications.enabled',
  'mailNotifications.folder',
  'mailNotifications.changeTypes',
] as const;

/** The fields the page shows for the chosen app: the API's messages for any other field go in the summary. */
export function fieldsShown(form: ConnectorForm): string[] {
  const isPrivate = form.appMode === 'private';
  const confidential = isPrivate && form.clientType === 'confidential';
  return [
    'appMode',
    'tenant',
    'scopes',
    'displayName',
    'description',
    'logoUrl',
    'enabled',
    'multipleAccounts',
    'mailNotifications.enabled',
    'mailNotifications.folder',
    'mailNotifications.changeTypes',
    ...(isPrivate ? ['clientType', 'clientId'] : []),
    ...(confidential ? ['clientSecret', 'clientSecretExpiresAt'] : []),
  ];
}

export function formFromView(view: ConnectorView): ConnectorForm {
  return {
    appMode: view.appMode,
    clientId: view.appMode === 'private' ? (view.clientId ?? '') : '',
    clientType: view.clientType,
    clientSecret: '',
    clientSecretExpiresAt: view.clientSecret.expiresAt ? view.clientSecret.expiresAt.slice(0, 10) : '',
    tenant: view.tenant,
    scopes: view.scopes.includes(OFFLINE_ACCESS) ? view.scopes : [OFFLINE_ACCESS, ...view.scopes],
    displayName: view.displayName,
    description: view.description ?? '',
    logoUrl: view.logoUrl ?? '',
    enabled: view.enabled,
    multipleAccounts: view.multipleAccounts,
    mailEnabled: view.mailNotifications.enabled,
    mailFolder: view.mailNotifications.folder,
    mailChangeTypes: view.mailNotifications.changeTypes,
  };
}

/** The PUT body: everything the page shows, the secret only when a new one was typed. */
export function updateFromForm(form: ConnectorForm): ConnectorUpdate {
  const update: ConnectorUpdate = {
    appMode: form.appMode,
    tenant: form.tenant.trim(),
    scopes: form.scopes,
    displayName: form.displayName,
    description: form.description.trim() || null,
    logoUrl: form.logoUrl.trim() || null,
    enabled: form.enabled,
    multipleAccounts: form.multipleAccounts,
    mailNotifications: { enabled: form.mailEnabled, folder: form.mailFolder, changeTypes: form.mailChangeTypes },
  };
  if (form.appMode === 'private') {
    update.clientId = form.clientId.trim() || null;
    update.clientType = form.clientType;
    if (form.clientType === 'confidential') {
      if (form.clientSecret.trim()) update.clientSecret = form.clientSecret.trim();
      update.clientSecretExpiresAt = form.clientSecretExpiresAt || null;
    }
  }
  return update;
}

export function isDirty(form: ConnectorForm, view: ConnectorView): boolean {
  return JSON.stringify(form) !== JSON.stringify(formFromView(view));
}

/** A warning for a secret expiry date that is past or within 30 days; null otherwise. */
export function secretExpiryWarning(date: string, now = Date.now()): string | null {
  if (!date) return null;
  const end = new Date(`${date}T23:59:59`);
  if (Number.isNaN(end.getTime())) return null;
  const days = Math.floor((end.getTime() - now) / 86_400_000);
  if (end.getTime() < now) return 'This date has passed: Microsoft refuses an expired secret, so nobody can connect. Create a new secret in Azure and paste its value.';
  if (days < SECRET_WARNING_DAYS) {
    return `The secret expires in ${days} day${days === 1 ? '' : 's'}. Create a new one in Azure (Certificates & secrets) and paste its value here before then.`;
  }
  return null;
}

export function platformLabel(clientType: ClientType): string {
  return clientType === 'public' ? 'Mobile and desktop applications' : 'Web';
}
