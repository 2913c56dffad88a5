import { DomainError } from '@app/common';
import { decodeCursor, encodeCursor } from './pagination';

const ID = '0b6f7e1c-3c1a-4d4e-9a59-1f2d3c4b5a69';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('decodeCursor', () => {
  it('is null without a cursor and reads back what encodeCursor wrote', () => {
    expect(decodeCursor(undefined)).toBeNull();
    const cursor = { createdAt: '2026-12-03 06:17:19.123456+00', id: ID };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ createdAt: '2026-12-03T06:17:19.123Z', id: ID.toUpperCase() }))).toEqual({ createdAt: '2026-12-03T06:17:19.123Z', id: ID.toUpperCase() });
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{').toString('base64url')],
    ['an id that is not a UUID', raw({ createdAt: '2026-12-03 06:17:19+00', id: `${ID.slice(0, -1)}x` })],
    ['a day that does not exist', raw({ createdAt: '2026-02-31 06:17:19+00', id: ID })],
    ['an hour out of range', raw({ createdAt: '2026-12-03 24:00:00+00', id: ID })],
    ['an extra key', raw({ createdAt: '2026-12-03 06:17:19+00', id: ID, customerId: ID })],
  ])('refuses %s', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
  });
});
