import { DomainError, FieldError } from '@app/common';
import { graphScopeKey } from '@app/microsoft';
import { findScope, GRAPH_CLOUD_RESOURCES, OIDC_SCOPES, OUTLOOK_EMAIL_SCOPES } from './outlook-email.scopes';

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
    const scope = readScope(raw.trim(), tenant, resource);
    if ('error' in scope) errors.push(scope.error);
    else if (scope.name === '.default') hasDefault = true;
    else {
      if (!OIDC_SCOPES.has(scope.name)) hasNamed = true;
      out.add(scope.name);
    }
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

/** One requested scope as its catalog name (".default" for the default scope), or the field error refusing it. */
function readScope(value: string, tenant: string, resource: string): { name: string } | { error: FieldError } {
  const key = graphScopeKey(value, resource);
  if (/^https?:\/\//i.test(key) || key.startsWith('api://')) return { error: foreignScopeError(value, key, resource) };
  const name = key === value.toLowerCase() ? value : value.slice(resource.length + 1);
  if (name.toLowerCase() === '.default') return { name: '.default' };
  const def = findScope(name);
  if (!def) {
    return {
      error: { field: 'scopes', code: 'unknown_scope', value, allowed: ALLOWED, message: `"${value}" is not a scope this connector offers. Allowed: ${ALLOWED.join(', ')}.` },
    };
  }
  if (def.workAccountsOnly && tenant.toLowerCase() === 'consumers') {
    return {
      error: {
        field: 'scopes',
        code: 'work_accounts_only',
        value,
        message: `"${def.name}" can only be granted by work or school accounts, but the tenant "consumers" signs in personal accounts only.`,
      },
    };
  }
  return { name: def.name };
}

/** A scope qualified with something other than the configured Graph: another Graph cloud, or another resource. */
function foreignScopeError(value: string, key: string, resource: string): FieldError {
  const other = GRAPH_CLOUD_RESOURCES.find((r) => key.startsWith(`${r}/`));
  if (other) {
    return {
      field: 'scopes',
      code: 'other_cloud',
      value,
      message: `"${value}" is a scope of the Microsoft Graph at ${other}, but this service talks to the Graph at ${resource} (MICROSOFT_GRAPH_URL). Send the short name (${value.slice(other.length + 1)}) or qualify it with ${resource}/.`,
    };
  }
  return {
    field: 'scopes',
    code: 'other_resource',
    value,
    message: `"${value}" belongs to another resource than Microsoft Graph; one token cannot carry both (Microsoft answers AADSTS28000). Use Graph scopes such as Mail.Read instead.`,
  };
}
