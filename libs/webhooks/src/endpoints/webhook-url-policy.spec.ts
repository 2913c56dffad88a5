import { checkWebhookUrl } from './webhook-url-policy';

const production = { allowInsecureUrls: false, allowPrivateUrls: false };
const development = { allowInsecureUrls: true, allowPrivateUrls: true };

describe('checkWebhookUrl', () => {
  it('accepts a public https URL', () => {
    expect(checkWebhookUrl('https://hooks.example.com/latchkey', production)).toEqual({ ok: true, url: 'https://hooks.example.com/latchkey' });
  });

  it.each([
    ['http://hooks.example.com/', /https/],
    ['ftp://hooks.example.com/', /https/],
    ['not a url', /valid absolute URL/],
    ['https://user:pw@hooks.example.com/', /user name or password/],
    [`https://example.com/${'a'.repeat(2100)}`, /longer than 2048/],
    ['https://10.0.0.1/', /private/],
    ['https://192.168.1.5/', /private/],
    ['https://127.0.0.1/', /loopback/],
    ['https://localhost/', /loopback/],
    ['https://api.localhost/', /loopback/],
    ['https://[::1]/', /loopback/],
    ['https://[fd00::1]/', /uniqueLocal/],
    ['https://100.64.0.1/', /carrierGradeNat/],
  ])('refuses %s in production', (url, reason) => {
    const verdict = checkWebhookUrl(url, production);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it.each(['https://169.254.169.254/latest/meta-data', 'http://0.0.0.0/', 'https://[::]/', 'https://224.0.0.1/', 'https://255.255.255.255/',
    'https://[fe80::1]/', 'https://[::ffff:169.254.169.254]/', 'https://[::ffff:a9fe:a9fe]/'])(
    'refuses %s even where private URLs are allowed',
    (url) => expect(checkWebhookUrl(url, development).ok).toBe(false),
  );

  it('allows http and private addresses outside production', () => {
    expect(checkWebhookUrl('http://127.0.0.1:4000/hook', development).ok).toBe(true);
    expect(checkWebhookUrl('http://10.0.0.1/hook', development).ok).toBe(true);
    expect(checkWebhookUrl('https://[::ffff:10.0.0.1]/', production).ok).toBe(false);
  });
});
