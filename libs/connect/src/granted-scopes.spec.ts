import { missingScopes, sameScopes } from './granted-scopes';

describe('missingScopes', () => {
  const wanted = ['offline_access', 'openid', 'profile', 'email', 'User.Read', 'Mail.Read', 'Mail.Send'];

  const PUBLIC = 'https://graph.microsoft.com';

  it('compares short and qualified names case-insensitively; OpenID and offline_access are never missing', () => {
    expect(missingScopes(wanted, ['https://graph.microsoft.com/mail.read', 'https://graph.microsoft.com/User.Read', 'openid'], PUBLIC)).toEqual(['Mail.Send']);
  });

  it.each([
    ['US Gov', 'https://graph.microsoft.us'],
    ['China', 'https://microsoftgraph.chinacloudapi.cn'],
    ['emulator host', 'http://127.0.0.1:4010'],
  ])('%s: scopes qualified with the configured Graph count as granted, those of another cloud do not', (_cloud, resource) => {
    expect(missingScopes(wanted, [`${resource}/Mail.Read`, `${resource}/User.Read`, `${resource}/mail.send`], resource)).toEqual([]);
    expect(missingScopes(wanted, [`${PUBLIC}/Mail.Read`, `${resource}/User.Read`, 'Mail.Send'], resource)).toEqual(['Mail.Read']);
  });

  it('accepts a superset and reports nothing for an empty answer', () => {
    expect(missingScopes(wanted, ['User.Read', 'Mail.Read', 'Mail.Send', 'Calendars.Read'], PUBLIC)).toEqual([]);
    expect(missingScopes(wanted, [], PUBLIC)).toEqual([]);
  });

  it('compares lists as sets', () => {
    expect(sameScopes(['Mail.Send'], ['mail.send'])).toBe(true);
    expect(sameScopes([], ['Mail.Send'])).toBe(false);
  });
});
