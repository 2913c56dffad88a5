/**
 * Redirect URI rules of the Microsoft identity platform: exact, case-sensitive match, except that for
 * http://localhost and http://127.0.0.1 the port is ignored. A URI without a path gains a trailing "/".
 */
export function normalizeRedirectUri(uri: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)([?#].*)?$/.exec(uri);
  return m ? `${m[1]}/${m[2] ?? ''}` : uri;
}

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?([/?#].*)?$/;

function stripLoopbackPort(uri: string): string | undefined {
  const m = LOOPBACK.exec(uri);
  return m ? `http://${m[1]}${m[3] ?? ''}` : undefined;
}

/** Returns the registered URI that `requested` matches, or undefined. The caller redirects to `requested` normalised. */
export function matchRedirectUri(registered: string[], requested: string): string | undefined {
  const wanted = normalizeRedirectUri(requested);
  for (const candidate of registered) {
    const reg = normalizeRedirectUri(candidate);
    if (reg === wanted) return candidate;
    const a = stripLoopbackPort(reg);
    const b = stripLoopbackPort(wanted);
    if (a !== undefined && b !== undefined && a === b) return candidate;
  }
  return undefined;
}

/** Why a URI cannot be registered (https only except loopback, no wildcards, max 256 characters), or undefined. */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length > 256) return 'longer than 256 characters';
  if (uri.includes('*')) return 'wildcards are not allowed';
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return 'not an absolute URI';
  }
  if (parsed.hash) return 'fragments are not allowed';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && (parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1')) return undefined;
  if (parsed.protocol === 'http:') return 'http is only allowed for localhost / 127.0.0.1';
  // Custom schemes are allowed for public (mobile/desktop) clients.
  return undefined;
}
