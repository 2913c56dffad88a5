import { isUuid, UUID_RE } from './uuid';

describe('isUuid', () => {
  it.each([
    ['0b7e1c1a-9f7d-4c2b-8a3e-2f1d0c9b8a7e', true],
    ['0B7E1C1A-9F7D-4C2B-8A3E-2F1D0C9B8A7E', true],
    ['0b7e1c1a9f7d4c2b8a3e2f1d0c9b8a7e', false],
    ['0b7e1c1a-9f7d-4c2b-8a3e-2f1d0c9b8a7', false],
    [' 0b7e1c1a-9f7d-4c2b-8a3e-2f1d0c9b8a7e', false],
    ['0b7e1c1a-9f7d-4c2b-8a3e-2f1d0c9b8a7e\n', false],
    ['zb7e1c1a-9f7d-4c2b-8a3e-2f1d0c9b8a7e', false],
    [42, false],
    [null, false],
  ])('%p -> %p', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
    if (typeof value === 'string') expect(UUID_RE.test(value)).toBe(expected);
  });
});
