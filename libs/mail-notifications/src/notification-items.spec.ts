import { notificationItems, readChangeItem, readLifecycleItem } from './notification-items';

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
    ['subscriptionId with odd characters', item({ subscriptionId: "x'; DROP" })],
    ['unknown changeType', item({ changeType: 'exploded' })],
    ['no resourceData', item({ resourceData: null })],
    ['message id with a quote', item({ resourceData: { id: 'a"b' } })],
    ['resource not naming the message', item({ resource: 'Users/u-1/Messages/OTHER' })],
    ['resource with control characters', item({ resource: 'Users/u-1/Messages/AAMkAGI1=\n' })],
    ['etag not a string', item({ resourceData: { id: 'AAMkAGI1=', '@odata.etag': {} } })],
  ])('drops a malformed item: %s', (_what, raw) => {
    expect(readChangeItem(raw)).toBeNull();
  });

  it('reads lifecycle items and drops unknown events', () => {
    expect(readLifecycleItem({ subscriptionId: SUB, lifecycleEvent: 'missed', clientState: 's' })).toEqual({ subscriptionId: SUB, lifecycleEvent: 'missed', clientState: 's' });
    expect(readLifecycleItem({ subscriptionId: SUB, lifecycleEvent: 'exploded' })).toBeNull();
  });
});
