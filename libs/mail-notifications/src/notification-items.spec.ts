import { isLifecycleItem, notificationItems, readChangeItem, readLifecycleItem } from './notification-items';

const SUB = '7f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const item = (over: Record<string, unknown> = {}) => ({
  subscriptionId: SUB,
  subscriptionExpirationDateTime: '2026-12-10T10:00:00Z',
  changeType: 'created',
  resource: 'Users/u-1/Messages/AAMkAGI1=',
  resourceData: { '@odata.type': '#Microsoft.Graph.Message', '@odata.id': 'Users/u-1/Messages/AAMkAGI1=', '@odata.etag': 'W/"CQAAAB"', id: 'AAMkAGI1=' },
  clientState: 'secret',
  tenantId: 't',
  ...over,
});

describe('notification items', () => {
  it('reads Graph envelope and a well-formed change item', () => {
    expect(notificationItems({ value: [1] })).toEqual([1]);
    expect(readChangeItem(item())).toEqual({ subscriptionId: SUB, clientState: 'secret', changeType: 'created', resource: 'Users/u-1/Messages/AAMkAGI1=', messageId: 'AAMkAGI1=', etag: 'W/"CQAAAB"' });
  });

  it.each([null, 'x', [], { value: 'x' }, { values: [] }])('refuses a body that is not the envelope: %p', (body) => {
    expect(notificationItems(body)).toBeNull();
  });

  it.each([
    ['no object', 42],
    ['subscriptionId not a string', item({ subscriptionId: 12 })],
    ['subscriptionId with spaces', item({ subscriptionId: "x'; DROP TABLE" })],
    ['subscriptionId with a control character', item({ subscriptionId: 'a\u0000b' })],
    ['unknown changeType', item({ changeType: 'exploded' })],
    ['no resourceData and no message in the resource', item({ resourceData: null, resource: 'Users/u-1/Messages' })],
    ['message id with a space', item({ resourceData: { id: 'a b' }, resource: 'Users/u-1/Messages/a b' })],
    ['resource not naming the message', item({ resource: 'Users/u-1/Messages/OTHER' })],
    ['resource with control characters', item({ resource: 'Users/u-1/Messages/AAMkAGI1=\n' })],
    ['etag not a string', item({ resourceData: { id: 'AAMkAGI1=', '@odata.etag': {} } })],
  ])('drops a malformed item: %s', (_what, raw) => {
    expect(readChangeItem(raw)).toBeNull();
  });

  it('is lenient where Graph-like senders differ: no resourceData (the id from the resource), a capitalised changeType, odd ids', () => {
    expect(readChangeItem(item({ resourceData: undefined }))).toMatchObject({ messageId: 'AAMkAGI1=', etag: '' });
    expect(readChangeItem(item({ resourceData: undefined, resource: "users('u-1')/messages('AAMkAGI1=')" }))).toMatchObject({ messageId: 'AAMkAGI1=' });
    expect(readChangeItem(item({ changeType: 'Created' }))).toMatchObject({ changeType: 'created' });
    expect(readChangeItem(item({ subscriptionId: 'sub_42~x' }))).toMatchObject({ subscriptionId: 'sub_42~x' });
  });

  it('reads lifecycle items and drops unknown events', () => {
    expect(readLifecycleItem({ subscriptionId: SUB, lifecycleEvent: 'missed', clientState: 's' })).toEqual({ subscriptionId: SUB, lifecycleEvent: 'missed', clientState: 's' });
    expect(readLifecycleItem({ subscriptionId: SUB, lifecycleEvent: 'exploded' })).toBeNull();
  });

  it('reads a lifecycle event named in another case, and tells lifecycle items from change items', () => {
    expect(readLifecycleItem({ subscriptionId: SUB, lifecycleEvent: 'SubscriptionRemoved', clientState: 's', extra: 1 })).toEqual({ subscriptionId: SUB, lifecycleEvent: 'subscriptionRemoved', clientState: 's' });
    expect(isLifecycleItem({ subscriptionId: SUB, lifecycleEvent: 'missed' })).toBe(true);
    expect(isLifecycleItem(item())).toBe(false);
    expect([null, 'x', [], 1].map(isLifecycleItem)).toEqual([false, false, false, false]);
  });
});
