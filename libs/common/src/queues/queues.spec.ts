import { refreshJobId } from './queues';

describe('refreshJobId', () => {
  const id = '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';

  it('has no ":" (BullMQ reserves it) and is one id per connection and due time', () => {
    const due = new Date('2026-12-02T10:00:00.123Z');
    expect(refreshJobId(id, due)).not.toContain(':');
    expect(refreshJobId(id, new Date(due))).toBe(refreshJobId(id, due));
    expect(refreshJobId(id, new Date(due.getTime() + 1))).not.toBe(refreshJobId(id, due));
  });
});
