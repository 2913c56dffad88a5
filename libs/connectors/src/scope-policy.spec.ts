import { DomainError } from '@app/common';
import { normalizeScopes } from './scope-policy';
import { normalizeTenant } from './tenant-policy';

describe('normalizeScopes', () => {
  it('forces offline_access first, dedupes case-insensitively and accepts qualified Graph names', () => {
    expect(normalizeScopes(['mail.read', 'https://graph.microsoft.com/Mail.Read', 'USER.READ'], 'common')).toEqual([
      'offline_access',
      'Mail.Read',
      'User.Read',
    ]);
    expect(normalizeScopes([], 'common')).toEqual(['offline_access']);
  });

  it('names the offending value', () => {
    try {
      normalizeScopes(['Mail.Read', 'Sites.Read.All'], 'common');
      fail('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('INVALID_SCOPE');
      expect((error as DomainError).extras.errors?.[0]).toMatchObject({ value: 'Sites.Read.All', code: 'unknown_scope' });
    }
  });
});

describe('normalizeTenant', () => {
  it.each([
    ['Common', 'common'],
    ['CONSUMERS', 'consumers'],
    ['72F988BF-86F1-41AF-91AB-2D7CD011DB47', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
    ['Contoso.OnMicrosoft.com', 'contoso.onmicrosoft.com'],
  ])('%s -> %s', (input, expected) => expect(normalizeTenant(input)).toBe(expected));

  it.each(['', 'contoso', 'a/b.com', 'common?x=1', 'x'.repeat(300) + '.com'])('refuses %p', (input) => {
    expect(() => normalizeTenant(input)).toThrow(DomainError);
  });
});
