import { DomainError, FieldError } from '../errors/domain.error';

/** Deeper than any body the API accepts; refusing it before JSON.parse keeps parse and validation from recursing deeply. */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored (PostgreSQL refuses NUL; a lone surrogate is not Unicode), or null when it is fine. */
function badString(value: string, field: string): FieldError | null {
  if (value.includes('\u0000')) return { field, code: 'nul_character', message: `${field || 'The value'} must not contain a NUL character` };
  if (LONE_SURROGATE.test(value)) return { field, code: 'invalid_unicode', message: `${field || 'The value'} is not valid Unicode (lone surrogate)` };
  return null;
}

/**
 * Every string (keys included) in an already parsed, depth-bounded value, walked iteratively; throws 400
 * VALIDATION_FAILED naming each offending field by its dotted path (e.g. endUser.id, scopes.0).
 */
export function assertSafeStrings(value: unknown, root = ''): void {
  const errors: FieldError[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length && errors.length < 20) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      const error = badString(node, path);
      if (error) errors.push(error);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        const keyError = badString(key, childPath);
        if (keyError) errors.push({ ...keyError, code: `${keyError.code}_in_name` });
        stack.push([child, childPath]);
      }
    }
  }
  if (errors.length) {
    throw new DomainError('VALIDATION_FAILED', errors.length === 1 ? errors[0].message : `${errors.length} fields are not valid`, { errors });
  }
}

/** The nesting depth of raw UTF-8 JSON, counting brackets outside strings, without parsing it. */
export function jsonDepthExceeds(buf: Buffer, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++; // skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
