import { DomainError } from '@app/common';
import { normalizeScopes } from './scope-policy';

const PUBLIC = 'https://graph.microsoft.com';

describe('normalizeScopes', () => {
  it('forces offline_access first, dedupes case-insensitively and accepts qualified Graph names', () => {
    expect(normalizeScopes(['mail.read', 'https://graph.microsoft.com/Mail.Read', 'USER.READ'], 'common', PUBLIC)).toEqual([
      'offline_access',
      'Mail.Read',
      'User.Read',
    ]);
    expect(normalizeScopes([], 'common', PUBLIC)).toEqual(['offline_access']);
  });

  describe.each([
    ['public cloud', PUBLIC, 'https://graph.microsoft.us'],
    ['US Gov', 'https://graph.microsoft.us', PUBLIC],
    ['China', 'https://microsoftgraph.chinacloudapi.cn', PUBLIC],
    ['emulator host', 'http://127.0.0.1:4010', PUBLIC],
  ])('%s (Graph %s)', (_cloud, resource, otherCloud) => {
    it('accepts scopes qualified with the configured Graph and stores them short, .default included', () => {
      expect(normalizeScopes([`${resource}/Mail.Read`, `${resource.toUpperCase()}/user.read`], 'common', resource)).toEqual(['offline_access', 'Mail.Read', 'User.Read']);
      expect(normalizeScopes([`${resource}/.default`], 'common', resource)).toEqual(['offline_access', '.default']);
      expect(normalizeScopes(['.default'], 'common', resource)).toEqual(['offline_access', '.default']);
    });

    it('refuses a qualified scope of another Graph cloud, naming the value', () => {
      const value = `${otherCloud}/Mail.Read`;
      try {
        normalizeScopes(['User.Read', value], 'common', resource);
        fail('expected an error');
      } catch (error) {
        expect((error as DomainError).code).toBe('INVALID_SCOPE');
        expect((error as DomainError).extras.errors).toEqual([expect.objectContaining({ value, code: 'other_cloud' })]);
        expect((error as DomainError).message).toContain(resource);
      }
    });
  });

  it.each([
    ['another resource', ['api://contoso/read'], 'other_resource', 'api://contoso/read'],
    ['a work-only scope for personal accounts', ['Mail.Read.Shared'], 'work_accounts_only', 'Mail.Read.Shared'],
    ['.default mixed with a named scope', ['.default', 'Mail.Read'], 'default_mixed', '.default'],
  ])('refuses %s', (_case, requested, code, value) => {
    const tenant = code === 'work_accounts_only' ? 'consumers' : 'common';
    expect(() => normalizeScopes(requested, tenant, PUBLIC)).toThrow(expect.objectContaining({ code: 'INVALID_SCOPE', extras: { errors: [expect.objectContaining({ field: 'scopes', code, value })] } }));
  });

  it('lets .default go with the sign-in scopes and collects every refusal', () => {
    expect(normalizeScopes(['openid', 'profile', 'email', '.default'], 'common', PUBLIC)).toEqual(['offline_access', 'openid', 'profile', 'email', '.default']);
    expect(() => normalizeScopes(['Nope.One', 'Nope.Two'], 'common', PUBLIC)).toThrow(
      expect.objectContaining({ extras: { errors: [expect.objectContaining({ value: 'Nope.One' }), expect.objectContaining({ value: 'Nope.Two' })] } }),
    );
  });

  it('names the offending value', () => {
    try {
      normalizeScopes(['Mail.Read', 'Sites.Read.All'], 'common', PUBLIC);
      fail('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('INVALID_SCOPE');
      expect((error as DomainError).extras.errors?.[0]).toMatchObject({ value: 'Sites.Read.All', code: 'unknown_scope' });
    }
  });
});
