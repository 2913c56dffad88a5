import { isHttpsOrLocalhost } from '@app/config';

/** The origin of a return URL if it is https (or http on localhost) without credentials, or null. */
export function originOfReturnUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!isHttpsOrLocalhost(url) || url.username || url.password) return null;
  return url.origin;
}

/** Normalises an origin ("https://app.example.com"), or returns null when it is not an acceptable one. */
export function normalizeOrigin(value: string): string | null {
  const origin = originOfReturnUrl(value);
  if (!origin) return null;
  const url = new URL(value);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
  return origin;
}
