import { DomainError, FieldError } from '@app/common';
import { graphScopeKey } from '@app/microsoft';
import { findScope, GRAPH_CLOUD_RESOURCES, OUTLOOK_EMAIL_SCOPES } from './outlook-email.scopes';

const ALLOWED = [...OUTLOOK_EMAIL_SCOPES.map((d) => d.name), '.default'];

/**
 * Normalises a requested scope list to catalog names, with offline_access always first.
 * Graph scopes may be sent short ("Mail.Read") or qualified with the configured Graph `resource` (graphResource of
 * MICROSOFT_GRAPH_URL, e.g. "https://graph.microsoft.us/Mail.Read"). ".default" is stored short and qualified when
 * sent (wireScopes), so stored lists survive a change of MICROSOFT_GRAPH_URL.
 * Refuses unknown scopes, scopes of another resource (AADSTS28000 at Microsoft) or of another Graph cloud, and
 * ".default" mixed with named ones.
 */
export function normalizeScopes(requested: string[], tenant: string, resource: string): string[] {
  const errors: FieldError[] = [];
  const out = new Set<string>(['offline_access']);
  let hasDefault = false;
  let hasNamed = false;
  for (const raw of requested) {
    const value = raw.trim();
    const key = graphScopeKey(value, resource);
    const name = key === value.toLowerCase() ? value : value.slice(resource.length + 1);
    if (/^https?:\/\//i.test(key) || key.startsWith('api://')) {
      const other = GRAPH_CLOUD_RESOURCES.find((r) => key.startsWith(`${r}/`));
      if (other) {
        errors.push({
          field: 'scopes',
          code: 'other_cloud',
          value,
          message: `"${value}" is a scope of the Microsoft Graph at ${other}, but this service talks to the Graph at ${resource} (MICROSOFT_GRAPH_URL). Send the short name (${value.slice(other.length + 1)}) or qualify it with ${resource}/.`,
        });
        continue;
      }
      errors.push({
        field: 'scopes',
        code: 'other_resource',
        value,
        message: `"${value}" belongs to another resource than Microsoft Graph; one token cannot carry both (Microsoft answers AADSTS28000). Use Graph scopes such as Mail.Read instead.`,
      });
      continue;
    }
    if (name.toLowerCase() === '.default') {
      hasDefault = true;
      continue;
    }
    const def = findScope(name);
    if (!def) {
      errors.push({
        field: 'scopes',
        code: 'unknown_scope',
        value,
        allowed: ALLOWED,
        message: `"${value}" is not a scope this connector offers. Allowed: ${ALLOWED.join(', ')}.`,
      });
      continue;
    }
    if (def.workAccountsOnly && tenant.toLowerCase() === 'consumers') {
      errors.push({
        field: 'scopes',
        code: 'work_accounts_only',
        value,
        message: `"${def.name}" can only be granted by work or school accounts, but the tenant "consumers" signs in personal accounts only.`,
      });
      continue;
    }
    if (def.name !== 'offline_access' && !['openid', 'profile', 'email'].includes(def.name)) hasNamed = true;
    out.add(def.name);
  }
  if (hasDefault && hasNamed) {
    errors.push({
      field: 'scopes',
      code: 'default_mixed',
      value: '.default',
      message: '".default" requests every permission configured on the Azure app and cannot be mixed with named Graph scopes. Send either ".default" alone or named scopes.',
    });
  }
  if (errors.length > 0) {
    throw new DomainError('INVALID_SCOPE', errors.map((e) => e.message).join(' '), { errors });
  }
  if (hasDefault) out.add('.default');
  return [...out];
}
