/** The authenticated platform customer, resolved by CustomerAuthGuard from an API key or a console session. */
export interface CustomerContext {
  id: string;
  slug: string;
  name: string;
  /** Set when a backend called with a secret API key. */
  apiKeyId: string | null;
  /** Set when a person called from the admin console. */
  memberId: string | null;
}
