import type { MemberEntity } from '@app/database';

/** A console member as the operator sees it: never the password or invite hash. */
export interface MemberView {
  id: string;
  email: string;
  status: 'active' | 'invited';
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export function toMemberView(member: MemberEntity): MemberView {
  return {
    id: member.id,
    email: member.email,
    status: member.passwordHash ? 'active' : 'invited',
    lockedUntil: member.lockedUntil && member.lockedUntil > new Date() ? member.lockedUntil.toISOString() : null,
    lastSignInAt: member.lastSignInAt?.toISOString() ?? null,
    createdAt: member.createdAt.toISOString(),
  };
}
