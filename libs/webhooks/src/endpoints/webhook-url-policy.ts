import ipaddr from 'ipaddr.js';

/** The two settings of config.webhooks the check reads. */
export interface WebhookUrlSettings {
  allowInsecureUrls: boolean;
  allowPrivateUrls: boolean;
}

export type WebhookUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Never reachable, whatever the settings: cloud metadata (link-local), 0.0.0.0/::, multicast, broadcast. */
const ALWAYS_DENIED = new Set(['linkLocal', 'unspecified', 'multicast', 'broadcast']);
/** Reachable only with allowPrivateUrls: loopback, RFC 1918, unique-local (fc00::/7), CGNAT (100.64/10). */
const PRIVATE = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

function rangeOf(host: string): string | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!ipaddr.isValid(bare)) return null;
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range();
}

/**
 * Whether a customer may register `raw` as a webhook URL, with a reason a person can act on when not. A literal IP
 * is judged here; a host name is judged again by the worker on the address it connects to (DNS may change).
 */
export function checkWebhookUrl(raw: string, settings: WebhookUrlSettings): WebhookUrlVerdict {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, reason: `The URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'The URL is not a valid absolute URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && settings.allowInsecureUrls)) {
    return { ok: false, reason: settings.allowInsecureUrls ? 'The URL must use http or https' : 'The URL must use https' };
  }
  if (url.username || url.password) return { ok: false, reason: 'The URL must not contain a user name or password' };
  const host = url.hostname.toLowerCase();
  if (!host) return { ok: false, reason: 'The URL has no host' };
  const range = host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : rangeOf(host);
  if (range && ALWAYS_DENIED.has(range)) return { ok: false, reason: `The host ${host} is a ${range} address, which webhooks never reach` };
  if (range && PRIVATE.has(range) && !settings.allowPrivateUrls) {
    return { ok: false, reason: `The host ${host} is a ${range} address; private addresses are not allowed here` };
  }
  return { ok: true, url: url.toString() };
}
