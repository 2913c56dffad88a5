import { GRAPH_RESOURCE, mixesDefault, oidcResponseScopes, parseScopes } from './scopes';

describe('scopes', () => {
  it('treats short names and fully qualified Graph scopes as the same resource', () => {
    const set = parseScopes('openid offline_access User.Read https://graph.microsoft.com/mail.read');
    expect(set.resources).toEqual([GRAPH_RESOURCE]);
    expect(set.byResource.get(GRAPH_RESOURCE)).toEqual(['User.Read', 'Mail.Read']);
    expect(set.oidc).toEqual(['openid', 'offline_access']);
    expect(set.unknown).toEqual([]);
  });

  it.each(['http://127.0.0.1:4010', 'http://127.0.0.1:4010/some/base'])('takes its own host (%s) as the Graph resource, as tests point MICROSOFT_GRAPH_URL at it', (self) => {
    const set = parseScopes('offline_access http://127.0.0.1:4010/.default', self);
    expect(set.resources).toEqual([GRAPH_RESOURCE]);
    expect(set.byResource.get(GRAPH_RESOURCE)).toEqual(['.default']);
    expect(parseScopes('User.Read http://127.0.0.1:4010/mail.read', self).byResource.get(GRAPH_RESOURCE)).toEqual(['User.Read', 'Mail.Read']);
    // Without knowing its own URL the host is just another resource.
    expect(parseScopes('User.Read http://127.0.0.1:4010/Mail.Read').resources).toEqual([GRAPH_RESOURCE, 'http://127.0.0.1:4010']);
  });

  it('detects more than one resource', () => {
    const set = parseScopes('Mail.Read https://outlook.office.com/IMAP.AccessAsUser.All');
    expect(set.resources).toEqual([GRAPH_RESOURCE, 'https://outlook.office.com']);
  });

  it('flags unknown Graph permissions and .default mixed with named scopes', () => {
    expect(parseScopes('Mail.Reed').unknown).toEqual(['Mail.Reed']);
    expect(mixesDefault(parseScopes('https://graph.microsoft.com/.default Mail.Read'))).toBe(true);
    expect(mixesDefault(parseScopes('https://graph.microsoft.com/.default openid'))).toBe(false);
  });

  it('answers OIDC scopes like Microsoft (no offline_access)', () => {
    expect(oidcResponseScopes(['offline_access', 'email', 'openid'])).toEqual(['openid', 'email']);
  });
});
