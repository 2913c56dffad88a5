import { DomainError, FieldError } from '@app/common';
import { findScope, GRAPH_DEFAULT_SCOPE, GRAPH_RESOURCE, OUTLOOK_EMAIL_SCOPES } from './outlook-email.scopes';

const ALLOWED = [...OUTLOOK_EMAIL_SCOPES.map((d) => d.name), '.default'];

/**
 * Normalises a requested scope list to catalog names, with offline_access always first.
 * Graph scopes may be sent short ("Mail.Read") or qualified ("https://graph.microsoft.com/Mail.Read").
 * Refuses unknown scopes, scopes of another resource (AADSTS28000 at Microsoft) and ".default" mixed with named ones.
 */
export function normalizeScopes(requested: string[], tenant: string): string[] {
  const errors: FieldError[] = [];
  const out = new Set<string>(['offline_access']);
  let hasDefault = false;
  let hasNamed = false;
  for (const raw of requested) {
    const value = raw.trim();
    let name = value;
    if (/^https?:\/\//i.test(value) || value.startsWith('api://')) {
      const prefix = `${GRAPH_RESOURCE}/`;
      if (!value.toLowerCase().startsWith(prefix)) {
        errors.push({
          field: 'scopes',
          code: 'other_resource',
          value,
          message: `"${value}" belongs to another resource than Microsoft Graph; one token cannot carry both (Microsoft answers AADSTS28000). Use Graph scopes such as Mail.Read instead.`,
        });
        continue;
      }
      name = value.slice(prefix.length);
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
  if (hasDefault) out.add(GRAPH_DEFAULT_SCOPE);
  return [...out];
}

/** Whether a stored scope list needs the `.default` form. */
export function isDefaultScopeList(scopes: string[]): boolean {
  return scopes.includes(GRAPH_DEFAULT_SCOPE);
}
