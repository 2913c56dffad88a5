/** What opening a connect session needs (the HTTP DTO implements it). */
export interface ConnectSessionInput {
  endUser: { id: string; email?: string; displayName?: string };
  returnUrl?: string;
}
