/** The authenticated platform customer, resolved from the API key by CustomerAuthGuard. */
export interface CustomerContext {
  id: string;
  slug: string;
  name: string;
  apiKeyId: string;
}
