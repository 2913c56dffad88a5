/** Where to go after sign-in: only a path inside the console, never another site. */
export function safeReturnPath(next: string | null | undefined, fallback = '/connector'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/sign-in')) return fallback;
  return next;
}

export function signInPath(next: string): string {
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}
