/**
 * The Microsoft Graph resource of the configured cloud: the origin of MICROSOFT_GRAPH_URL
 * (https://graph.microsoft.com, https://graph.microsoft.us, https://microsoftgraph.chinacloudapi.cn, or an emulator).
 * A scope "<resource>/Mail.Read" is the qualified form of "Mail.Read".
 */
export function graphResource(graphUrl: string): string {
  return new URL(graphUrl).origin;
}

/**
 * The one Graph scope normalisation: lower-cased, with the configured Graph resource prefix removed, so
 * "Mail.Read", "mail.read" and "https://graph.microsoft.us/Mail.Read" (in US Gov) compare equal. A scope of another
 * resource keeps its prefix, so it never matches a Graph scope.
 */
export function graphScopeKey(scope: string, resource: string): string {
  const s = scope.trim().toLowerCase();
  const prefix = `${resource.toLowerCase()}/`;
  return s.startsWith(prefix) ? s.slice(prefix.length) : s;
}

/**
 * Scopes as sent to Microsoft. `.default` needs its resource, qualified here with the configured Graph rather than
 * in storage, so stored lists stay valid when MICROSOFT_GRAPH_URL changes (a stored "<old host>/.default" follows
 * too: connectors only hold Graph scopes). Named scopes go short, which Microsoft reads as the cloud's Graph.
 */
export function wireScopes(scopes: string[], resource: string): string[] {
  return scopes.map((s) => (s.toLowerCase() === '.default' || s.toLowerCase().endsWith('/.default') ? `${resource}/.default` : s));
}
