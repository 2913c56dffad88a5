import * as dns from 'node:dns';
import ipaddr from 'ipaddr.js';

/** Ranges no webhook may reach, even with WEBHOOK_ALLOW_PRIVATE_URLS: cloud metadata (link-local), 0.0.0.0/::, multicast. */
const ALWAYS_DENIED = new Set(['linkLocal', 'unspecified', 'multicast', 'broadcast']);

/** The message of every refusal, so the sender maps it to `address_not_allowed`. */
export const ADDRESS_NOT_ALLOWED = 'ADDRESS_NOT_ALLOWED';

/** Whether an IP address is in a range that is always refused (IPv4-mapped IPv6 judged as its IPv4). */
export function isAlwaysDenied(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return ALWAYS_DENIED.has(parsed.range());
}

function addressNotAllowed(address: string): Error {
  const err = new Error(`Connecting to ${address} is not allowed`) as NodeJS.ErrnoException;
  err.code = ADDRESS_NOT_ALLOWED;
  return err;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address?: string | dns.LookupAddress[], family?: number) => void;

/**
 * dns.lookup that refuses the always-denied ranges. The connecting socket uses it (through the agent), so the address
 * judged is the one connected to: a name that resolves differently later (DNS rebinding) is judged again.
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, cb: LookupCallback): void {
  dns.lookup(hostname, { ...options }, (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => {
    if (err) return cb(err);
    const list = Array.isArray(address) ? address : [{ address, family: family ?? 4 }];
    const denied = list.find((a) => isAlwaysDenied(a.address));
    if (denied) return cb(addressNotAllowed(denied.address));
    cb(null, address, family);
  });
}
