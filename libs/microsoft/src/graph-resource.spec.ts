import { graphResource, graphScopeKey, wireScopes } from './graph-resource';

describe('graph resource per cloud', () => {
  it.each([
    ['public cloud', 'https://graph.microsoft.com', 'https://graph.microsoft.com'],
    ['US Gov', 'https://graph.microsoft.us/', 'https://graph.microsoft.us'],
    ['China', 'https://microsoftgraph.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
    ['emulator host', 'http://127.0.0.1:4010/graph', 'http://127.0.0.1:4010'],
  ])('%s: %s -> %s, qualified scopes of it compare with short ones, .default is qualified on the wire', (_cloud, url, resource) => {
    expect(graphResource(url)).toBe(resource);
    expect(graphScopeKey(`${resource.toUpperCase()}/Mail.Read`, resource)).toBe('mail.read');
    expect(graphScopeKey('Mail.Read', resource)).toBe('mail.read');
    expect(wireScopes(['offline_access', '.default'], resource)).toEqual(['offline_access', `${resource}/.default`]);
    expect(wireScopes(['Mail.Read'], resource)).toEqual(['Mail.Read']);
  });

  it('keeps the prefix of another cloud, so it never matches the configured Graph', () => {
    expect(graphScopeKey('https://graph.microsoft.com/Mail.Read', 'https://graph.microsoft.us')).toBe('https://graph.microsoft.com/mail.read');
  });
});
