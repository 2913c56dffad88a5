import { CALLBACK_PATH_PREFIX } from '@app/config';
import type { ClientType } from '@app/database';

export interface CallbackRegistration {
  url: string;
  /** The Azure "Authentication" platform to add it under. */
  platform: 'web' | 'mobile_and_desktop';
  platformLabel: string;
}

/** The exact redirect URI of a customer; the OAuth flow sends this very string. */
export function callbackUrl(publicUrl: string, customerSlug: string): string {
  return `${publicUrl}${CALLBACK_PATH_PREFIX}${customerSlug}`;
}

export function callbackRegistration(publicUrl: string, customerSlug: string, clientType: ClientType): CallbackRegistration {
  return {
    url: callbackUrl(publicUrl, customerSlug),
    platform: clientType === 'public' ? 'mobile_and_desktop' : 'web',
    platformLabel: clientType === 'public' ? 'Mobile and desktop applications' : 'Web',
  };
}

/** Microsoft's redirect URI rules: https except localhost, at most 256 characters, no query string or fragment. */
export function redirectUriProblems(uri: string): string[] {
  const problems: string[] = [];
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return ['not a URL'];
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) problems.push('must use https (http only for localhost)');
  if (uri.length > 256) problems.push('longer than 256 characters');
  if (url.search || url.hash || uri.includes('?') || uri.includes('#')) problems.push('must not have a query string or fragment');
  if (uri.includes('*')) problems.push('must not contain wildcards');
  return problems;
}
