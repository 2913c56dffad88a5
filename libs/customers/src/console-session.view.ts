import type { SessionMember } from './console-sessions.service';

export interface ConsoleMemberView {
  id: string;
  email: string;
}

export interface ConsoleCustomerView {
  id: string;
  name: string;
  slug: string;
}

/** The console's signed-in state: who, for which customer, and the CSRF token for state-changing requests. */
export interface ConsoleSignedInView {
  signedIn: true;
  member: ConsoleMemberView;
  customer: ConsoleCustomerView;
  csrfToken: string;
}

export interface ConsoleSignedOutView {
  signedIn: false;
}

export function toConsoleSignedInView({ customer, member }: SessionMember, csrfToken: string): ConsoleSignedInView {
  return { signedIn: true, member: { id: member.id, email: member.email }, customer: { id: customer.id, name: customer.name, slug: customer.slug }, csrfToken };
}
