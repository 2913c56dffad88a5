/** A console invite link, shown once to whoever asked for it. */
export interface Invite {
  email: string;
  url: string;
  expiresAt: string;
}

/** What the invite page shows before the password is chosen. */
export interface InviteDescription {
  email: string;
  customerName: string;
  expiresAt: string;
}
