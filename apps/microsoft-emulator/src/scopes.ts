/** Scope parsing the way the Microsoft identity platform reads the `scope` parameter. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** Delegated Graph permissions the emulator knows (canonical spelling). Unknown names are rejected (AADSTS650053). */
const GRAPH_SCOPES = [
  'User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All',
  'Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite', 'Mail.Send',
  'Mail.ReadBasic.Shared', 'Mail.Read.Shared', 'Mail.ReadWrite.Shared', 'Mail.Send.Shared',
  'MailboxSettings.Read', 'MailboxSettings.ReadWrite',
  'Contacts.Read', 'Contacts.ReadWrite', 'Contacts.Read.Shared', 'Contacts.ReadWrite.Shared',
  'Calendars.Read', 'Calendars.ReadWrite', 'Calendars.ReadBasic', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared',
  'Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All',
  'People.Read', 'Tasks.Read', 'Tasks.ReadWrite', 'Notes.Read', 'Notes.ReadWrite',
  'email', 'openid', 'profile', 'offline_access',
];
const GRAPH_SCOPE_LOOKUP = new Map(GRAPH_SCOPES.map((s) => [s.toLowerCase(), s]));

interface ParsedScope {
  /** `oidc` for openid/profile/email/offline_access, else the resource URI (e.g. https://graph.microsoft.com). */
  resource: string;
  /** Short name (`Mail.Read`, `.default`, `openid`). */
  name: string;
  /** False for a Graph permission the emulator does not know. */
  known: boolean;
}

export interface ScopeSet {
  oidc: string[];
  /** Distinct resources named, in order of appearance. */
  resources: string[];
  /** Permission names per resource. */
  byResource: Map<string, string[]>;
  unknown: string[];
  all: ParsedScope[];
}

/**
 * `selfUrl`: the emulator's own public URL. Tests point MICROSOFT_GRAPH_URL at the emulator, so it is the Graph
 * host there, the way graph.microsoft.us is in US Gov: "<selfUrl>/Mail.Read" is Mail.Read, like the qualified
 * https://graph.microsoft.com/Mail.Read (the same resource as the short name at Microsoft).
 */
function parseScope(raw: string, selfUrl?: string): ParsedScope {
  const lower = raw.toLowerCase();
  if ((OIDC_SCOPES as readonly string[]).includes(lower)) return { resource: 'oidc', name: lower, known: true };
  const slash = raw.lastIndexOf('/');
  if (slash > 0) {
    const resource = raw.slice(0, slash).replace(/\/+$/, '');
    const name = raw.slice(slash + 1);
    const resLower = resource.toLowerCase();
    const self = selfUrl ? new URL(selfUrl).origin : undefined;
    if (resLower === GRAPH_RESOURCE || resLower === GRAPH_APP_ID || resLower === 'https://graph.microsoft.com/v1.0' || resLower === self) {
      return graphScope(name);
    }
    return { resource, name, known: true };
  }
  return graphScope(raw);
}

function graphScope(name: string): ParsedScope {
  if (name === '.default') return { resource: GRAPH_RESOURCE, name, known: true };
  const canonical = GRAPH_SCOPE_LOOKUP.get(name.toLowerCase());
  return { resource: GRAPH_RESOURCE, name: canonical ?? name, known: canonical !== undefined };
}

export function parseScopes(value: string | undefined | null, selfUrl?: string): ScopeSet {
  const all = (value ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((raw) => parseScope(raw, selfUrl));
  const oidc: string[] = [];
  const byResource = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const scope of all) {
    if (scope.resource === 'oidc') {
      if (!oidc.includes(scope.name)) oidc.push(scope.name);
      continue;
    }
    if (!scope.known) unknown.push(scope.name);
    const list = byResource.get(scope.resource) ?? [];
    if (!list.includes(scope.name)) list.push(scope.name);
    byResource.set(scope.resource, list);
  }
  return { oidc, resources: [...byResource.keys()], byResource, unknown, all };
}

/** `.default` cannot be combined with named scopes of the same resource (AADSTS70011). */
export function mixesDefault(set: ScopeSet): boolean {
  for (const names of set.byResource.values()) if (names.includes('.default') && names.length > 1) return true;
  return false;
}

/** How a granted permission appears in a token response `scope`: short for Graph, fully qualified otherwise. */
export function displayScope(resource: string, name: string): string {
  return resource === GRAPH_RESOURCE ? name : `${resource}/${name}`;
}

/** The OIDC part of a token response `scope`: Microsoft answers "profile openid email" and drops offline_access. */
export function oidcResponseScopes(oidc: string[]): string[] {
  return ['profile', 'openid', 'email'].filter((s) => oidc.includes(s));
}
