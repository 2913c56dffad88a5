import { matchRedirectUri, normalizeRedirectUri, redirectUriProblem } from './redirect-uri';

describe('redirect URI matching', () => {
  it('is exact and case sensitive', () => {
    expect(matchRedirectUri(['https://app.example/cb'], 'https://app.example/cb')).toBe('https://app.example/cb');
    expect(matchRedirectUri(['https://app.example/cb'], 'https://app.example/CB')).toBeUndefined();
    expect(matchRedirectUri(['https://app.example/cb'], 'https://app.example/cb/')).toBeUndefined();
    expect(matchRedirectUri(['https://app.example/cb'], 'https://app.example:8443/cb')).toBeUndefined();
  });

  it('ignores the port for http://localhost and 127.0.0.1 only', () => {
    expect(matchRedirectUri(['http://localhost:3000/oauth/callback'], 'http://localhost:4999/oauth/callback')).toBeDefined();
    expect(matchRedirectUri(['http://localhost/cb'], 'http://localhost:1234/cb')).toBeDefined();
    expect(matchRedirectUri(['http://127.0.0.1:3000/cb'], 'http://127.0.0.1:9/cb')).toBeDefined();
    expect(matchRedirectUri(['http://localhost:3000/cb'], 'http://127.0.0.1:3000/cb')).toBeUndefined();
    expect(matchRedirectUri(['http://localhost:3000/cb'], 'http://localhost:3000/other')).toBeUndefined();
  });

  it('adds a trailing slash to a URI without a path', () => {
    expect(normalizeRedirectUri('https://app.example')).toBe('https://app.example/');
    expect(matchRedirectUri(['https://app.example'], 'https://app.example/')).toBeDefined();
  });

  it('refuses http outside loopback, wildcards and long URIs', () => {
    expect(redirectUriProblem('http://app.example/cb')).toMatch(/http/);
    expect(redirectUriProblem('https://*.app.example/cb')).toMatch(/wildcard/);
    expect(redirectUriProblem(`https://app.example/${'a'.repeat(260)}`)).toMatch(/256/);
    expect(redirectUriProblem('http://localhost:3000/cb')).toBeUndefined();
  });
});
