/** A console sign-in with email and password. */
export interface SignInInput {
  email: string;
  password: string;
}

/** A password chosen with a one-time invite token. */
export interface AcceptInviteInput {
  token: string;
  password: string;
}
