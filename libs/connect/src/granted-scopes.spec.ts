import { missingScopes, sameScopes } from './granted-scopes';

describe('missingScopes', () => {
  const wanted = ['offline_access', 'openid', 'profile', 'email', 'User.Read', 'Mail.Read', 'Mail.Send'];

  it('compares short and qualified names case-insensitively; OpenID and offline_access are never missing', () => {
    expect(missingScopes(wanted, ['https://graph.microsoft.com/mail.read', 'https://graph.microsoft.com/User.Read', 'openid'])).toEqual(['Mail.Send']);
  });

  it('accepts a superset and reports nothing for an empty answer', () => {
    expect(missingScopes(wanted, ['User.Read', 'Mail.Read', 'Mail.Send', 'Calendars.Read'])).toEqual([]);
    expect(missingScopes(wanted, [])).toEqual([]);
  });

  it('compares lists as sets', () => {
    expect(sameScopes(['Mail.Send'], ['mail.send'])).toBe(true);
    expect(sameScopes([], ['Mail.Send'])).toBe(false);
  });
});
