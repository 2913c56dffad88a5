import { guardedLookup, isAlwaysDenied } from './address-policy';
import { errorCode, logText } from './webhook-sender';

describe('address policy', () => {
  it('always denies link-local, unspecified, multicast and broadcast, IPv4-mapped included', () => {
    for (const a of ['169.254.169.254', '169.254.0.1', 'fe80::1', '0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255', '::ffff:169.254.169.254']) {
      expect([a, isAlwaysDenied(a)]).toEqual([a, true]);
    }
    for (const a of ['93.184.216.34', '2606:2800:220:1::1', '127.0.0.1', '10.0.0.1', 'example.com']) {
      expect([a, isAlwaysDenied(a)]).toEqual([a, false]);
    }
  });

  it('refuses a name that resolves to a denied address', (done) => {
    // "0.0.0.0" resolves to itself without a DNS server.
    guardedLookup('0.0.0.0', { all: true }, (err) => {
      expect(err?.code).toBe('ADDRESS_NOT_ALLOWED');
      expect(errorCode(err!)).toBe('address_not_allowed');
      done();
    });
  });

  it('maps transport errors to short codes', () => {
    const e = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(errorCode(e('ECONNREFUSED'))).toBe('connection_refused');
    expect(errorCode(e('ENOTFOUND'))).toBe('dns_failed');
    expect(errorCode(e('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('tls_error');
    expect(errorCode(e('ECONNRESET'))).toBe('network_error');
    expect(errorCode(e('', 'DNS lookup 10.0.0.1(family:4, host:x) is not allowed. Because, It is private IP address.'))).toBe('address_not_allowed');
  });

  it('keeps a storable first KB of the answer', () => {
    const text = logText(Buffer.concat([Buffer.from('a\u0000b'), Buffer.from([0xff, 0xfe]), Buffer.alloc(5000, 'x')]));
    expect(text.startsWith('a\uFFFDb\uFFFD\uFFFD')).toBe(true);
    expect(text).not.toContain('\u0000');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 + 16);
  });
});
