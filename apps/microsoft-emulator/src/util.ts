import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
export const guid = (): string => randomUUID();
export const sha256Base64Url = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** Microsoft's timestamp format in token-endpoint errors: "2024-05-01 12:34:56Z". */
export function aadTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** Graph's innerError date format: "2024-05-01T12:34:56". */
export function graphDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '');
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
