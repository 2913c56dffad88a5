import type { EmulatorContext } from '../context';
import type { AadError } from '../errors';
import { GRAPH_RESOURCE, ScopeSet } from '../scopes';
import type { EmulatorAppRegistration } from '../state';
import type { EmulatorUser } from '../users';

/** What both ends of the OAuth flow (authorize and token) share: Microsoft's messages and what a user consented to. */

/** Thrown inside the token endpoint; the endpoint answers it as an AADSTS error body. */
export class TokenError extends Error {
  constructor(readonly aad: AadError) {
    super(aad.message);
  }
}

export const fail = (err: AadError): never => {
  throw new TokenError(err);
};

export function tenantNotFound(segment: string): string {
  return `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
}

export const appNotFound = (clientId: string, tenant: string) =>
  `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`;

export function consentMessage(app: EmulatorAppRegistration): string {
  return `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName ?? app.clientId}'. Send an interactive authorization request for this user and resource.`;
}

export function expandResourceScopes(app: EmulatorAppRegistration, resource: string, names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const expanded = name === '.default' ? (resource === GRAPH_RESOURCE ? (app.defaultScopes ?? ['User.Read']) : []) : [name];
    for (const n of expanded) if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** The resource a scope set targets (Graph when only OIDC scopes were named) and its permission names. */
export function resourceOf(app: EmulatorAppRegistration, set: ScopeSet): { resource: string; names: string[] } {
  const resource = set.resources[0] ?? GRAPH_RESOURCE;
  const names = set.resources.length ? expandResourceScopes(app, resource, set.byResource.get(resource) ?? []) : ['User.Read'];
  return { resource, names };
}

export function hasConsent(ctx: EmulatorContext, app: EmulatorAppRegistration, user: EmulatorUser, scopes: ScopeSet): boolean {
  const grant = ctx.state.grants.get(ctx.state.grantKey(user.key, app.clientId));
  if (!grant) return false;
  const { resource, names } = resourceOf(app, scopes);
  return names.every((n) => grant.has(`${resource} ${n}`));
}
