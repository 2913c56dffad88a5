import { DomainError } from '@app/common';
import { normalizeTenant } from './tenant-policy';

function tenantError(input: string): DomainError {
  try {
    normalizeTenant(input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`normalizeTenant accepted ${JSON.stringify(input)}`);
}

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

  describe('accepts', () => {
    it.each([
      ['an alias in lower case', 'organizations', 'organizations'],
      ['an alias in upper case', 'ORGANIZATIONS', 'organizations'],
      ['an alias in mixed case', 'cOmMoN', 'common'],
      ['an alias with surrounding spaces', '  consumers\t', 'consumers'],
      ['a lower-case GUID', '72f988bf-86f1-41af-91ab-2d7cd011db47', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
      ['an upper-case GUID', '72F988BF-86F1-41AF-91AB-2D7CD011DB47', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
      ['a mixed-case GUID', '72f988BF-86f1-41AF-91ab-2D7CD011db47', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
      ['a GUID with surrounding spaces', ' 72f988bf-86f1-41af-91ab-2d7cd011db47 ', '72f988bf-86f1-41af-91ab-2d7cd011db47'],
      ['an onmicrosoft.com domain', 'contoso.onmicrosoft.com', 'contoso.onmicrosoft.com'],
      ['a custom domain in upper case', 'FABRIKAM.CO.UK', 'fabrikam.co.uk'],
      ['a domain with hyphens', 'my-tenant.example.com', 'my-tenant.example.com'],
    ])('%s (%p)', (_case, input, expected) => expect(normalizeTenant(input)).toBe(expected));
  });

  describe('refuses with INVALID_TENANT and a field error naming the raw value', () => {
    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['a bare word', 'contoso'],
      ['a GUID missing a digit', '72f988bf-86f1-41af-91ab-2d7cd011db4'],
      ['a GUID with a non-hex digit', '72f988bf-86f1-41af-91ab-2d7cd011db4g'],
      ['a GUID in braces', '{72f988bf-86f1-41af-91ab-2d7cd011db47}'],
      ['a path', 'a/b.com'],
      ['a query string', 'common?x=1'],
      ['a URL', 'https://login.microsoftonline.com/common'],
      ['a label starting with a hyphen', '-contoso.com'],
      ['a one-letter top-level domain', 'contoso.c'],
      ['a domain over 253 characters', 'x'.repeat(300) + '.com'],
    ])('%s (%p)', (_case, input) => {
      const error = tenantError(input);
      expect(error.code).toBe('INVALID_TENANT');
      expect(error.message).toContain(`"${input}" is not a tenant Microsoft accepts.`);
      expect(error.extras.errors).toEqual([
        {
          field: 'tenant',
          code: 'invalid_tenant',
          value: input,
          allowed: ['common', 'organizations', 'consumers', '<tenant GUID>', '<verified domain>'],
          message: `"${input}" is not a valid tenant`,
        },
      ]);
    });
  });
});
