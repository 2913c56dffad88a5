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
