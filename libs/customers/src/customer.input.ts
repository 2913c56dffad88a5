/** A new platform customer, as the operator asks for it. */
export interface CreateCustomerInput {
  name: string;
  /** Derived from the name when absent. */
  slug?: string;
  /** The first console member, invited with the customer. */
  adminEmail?: string;
}
