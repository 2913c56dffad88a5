import { DomainError } from '../errors/domain.error';
import { assertSafeStrings, jsonDepthExceeds } from './safe-strings';

describe('jsonDepthExceeds', () => {
  const depth = (json: string) => jsonDepthExceeds(Buffer.from(json), 3);

  it('counts objects and arrays outside strings only', () => {
    expect(depth('{"a":[{"b":1}]}')).toBe(false);
    expect(depth('{"a":[{"b":[1]}]}')).toBe(true);
    expect(depth('{"a":"[[[[{{{{"}')).toBe(false);
    expect(depth('{"a":"\\"[[[[{{{{"}')).toBe(false); // an escaped quote does not end the string
    expect(depth('[[],[],[],[[]]]')).toBe(false);
  });

  it('scans 10,000 levels without recursing', () => {
    expect(jsonDepthExceeds(Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)))).toBe(true);
  });
});

describe('assertSafeStrings', () => {
  const fields = (value: unknown, root?: string) => {
    try {
      assertSafeStrings(value, root);
      return [];
    } catch (error) {
      return (error as DomainError).extras.errors!.map((e) => `${e.field}:${e.code}`);
    }
  };

  it('names each NUL and lone surrogate by its dotted path, keys included', () => {
    expect(fields({ endUser: { id: 'a\u0000b', email: '\ud800' }, scopes: ['ok', '\udc00x'], ['k\u0000']: 1 }).sort()).toEqual([
      'endUser.email:invalid_unicode',
      'endUser.id:nul_character',
      'k\u0000:nul_character_in_name',
      'scopes.1:invalid_unicode',
    ]);
    expect(fields('x\u0000', 'endUserId')).toEqual(['endUserId:nul_character']);
  });

  it('accepts proper surrogate pairs and ordinary text', () => {
    expect(fields({ name: 'Zoë 😀', list: ['日本'] })).toEqual([]);
  });
});
