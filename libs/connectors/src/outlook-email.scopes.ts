export type ScopeGroup = 'Sign-in' | 'Mail' | 'Mailbox settings' | 'Profile' | 'Contacts' | 'Calendars';

export interface ScopeDefinition {
  name: string;
  group: ScopeGroup;
  description: string;
  /** Needs an administrator's consent by default. None of these do, but a tenant may turn user consent off. */
  adminConsentRequired: boolean;
  /** Only work or school accounts can grant it (personal Microsoft accounts cannot). */
  workAccountsOnly: boolean;
  /** Always requested; cannot be removed. */
  required: boolean;
}

const s = (
  name: string,
  group: ScopeGroup,
  description: string,
  extra: Partial<Pick<ScopeDefinition, 'workAccountsOnly' | 'required'>> = {},
): ScopeDefinition => ({
  name,
  group,
  description,
  adminConsentRequired: false,
  workAccountsOnly: extra.workAccountsOnly ?? false,
  required: extra.required ?? false,
});

/** Delegated Microsoft Graph permissions an Outlook Email connector may request. */
export const OUTLOOK_EMAIL_SCOPES: readonly ScopeDefinition[] = [
  s('offline_access', 'Sign-in', 'Keep access while the user is away: needed for a refresh token, so always requested.', { required: true }),
  s('openid', 'Sign-in', 'Sign the user in and identify the Microsoft account.'),
  s('profile', 'Sign-in', "Read the user's basic profile (name) in the ID token."),
  s('email', 'Sign-in', "Read the user's primary email address in the ID token."),
  s('User.Read', 'Profile', 'Sign in and read the user profile (Graph /me).'),
  s('Mail.ReadBasic', 'Mail', "Read the user's mail without bodies, previews or attachments."),
  s('Mail.Read', 'Mail', "Read the user's mail."),
  s('Mail.ReadWrite', 'Mail', "Read, create, update and delete the user's mail (not send)."),
  s('Mail.Send', 'Mail', 'Send mail as the user.'),
  s('Mail.Read.Shared', 'Mail', 'Read mail the user can access, including shared mailboxes.', { workAccountsOnly: true }),
  s('Mail.ReadWrite.Shared', 'Mail', 'Read and write mail the user can access, including shared mailboxes.', { workAccountsOnly: true }),
  s('Mail.Send.Shared', 'Mail', 'Send mail on behalf of others or from shared mailboxes.', { workAccountsOnly: true }),
  s('MailboxSettings.Read', 'Mailbox settings', "Read the user's mailbox settings (time zone, automatic replies...)."),
  s('MailboxSettings.ReadWrite', 'Mailbox settings', "Read and change the user's mailbox settings."),
  s('Contacts.Read', 'Contacts', "Read the user's contacts."),
  s('Contacts.ReadWrite', 'Contacts', "Read and write the user's contacts."),
  s('Calendars.Read', 'Calendars', "Read the user's calendars."),
  s('Calendars.ReadWrite', 'Calendars', "Read and write the user's calendars."),
];

/** Graph resources of Microsoft's clouds (public, US Gov L4 and DoD, China): a scope qualified with one that is not the configured Graph is refused by name. */
export const GRAPH_CLOUD_RESOURCES = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
];
export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
export const DEFAULT_OUTLOOK_SCOPES = ['offline_access', 'openid', 'profile', 'email', 'User.Read', 'Mail.Read'];

const BY_LOWER = new Map(OUTLOOK_EMAIL_SCOPES.map((d) => [d.name.toLowerCase(), d]));

export function findScope(name: string): ScopeDefinition | undefined {
  return BY_LOWER.get(name.toLowerCase());
}
