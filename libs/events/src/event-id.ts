import { isUuid } from '@app/common';

const PREFIX = 'evt_';

/** The public id of an event: `evt_` + its uuid without dashes (also the `webhook-id` header). */
export function toEventId(id: string): string {
  return PREFIX + id.replace(/-/g, '');
}

/** The stored uuid of a public event id, or null when it is not one (callers answer 404). */
export function parseEventId(value: string): string | null {
  if (!value.startsWith(PREFIX) || !/^[0-9a-f]{32}$/.test(value.slice(PREFIX.length))) return null;
  const h = value.slice(PREFIX.length);
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return isUuid(id) ? id : null;
}
