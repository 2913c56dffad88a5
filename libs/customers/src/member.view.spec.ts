import type { MemberEntity } from '@app/database';
import { toMemberView } from './member.view';

const member = (patch: Partial<MemberEntity> = {}): MemberEntity => ({
  id: 'm1',
  customerId: 'c1',
  email: 'jane@acme.example',
  passwordHash: null,
  inviteTokenHash: 'invite-hash',
  inviteExpiresAt: new Date('2026-01-08T00:00:00Z'),
  failedSignIns: 0,
  lockedUntil: null,
  lastSignInAt: null,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...patch,
});

describe('toMemberView', () => {
  it('shows an invited member without the invite hash', () => {
    expect(toMemberView(member())).toEqual({
      id: 'm1',
      email: 'jane@acme.example',
      status: 'invited',
      lockedUntil: null,
      lastSignInAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('shows an active member, locked only while the lock lasts', () => {
    const until = new Date(Date.now() + 60_000);
    expect(toMemberView(member({ passwordHash: 'scrypt$...', lockedUntil: until }))).toMatchObject({ status: 'active', lockedUntil: until.toISOString() });
    expect(toMemberView(member({ passwordHash: 'scrypt$...', lockedUntil: new Date(Date.now() - 1) })).lockedUntil).toBeNull();
  });
});
