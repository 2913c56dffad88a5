import type { CustomerEntity } from '@app/database';
import { CreatedApiKeyView, toCreatedApiKeyView } from './api-key.view';
import type { CreatedCustomer } from './customers.service';
import type { Invite } from './invite.view';

export interface CustomerView {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
}

/** A customer just created, with its first key's secret and, with adminEmail, its first invite: shown this once. */
export interface CustomerCreatedView extends CustomerView {
  apiKey: CreatedApiKeyView;
  invite: Invite | null;
}

function toCustomerView(customer: CustomerEntity): CustomerView {
  return {
    id: customer.id,
    name: customer.name,
    slug: customer.slug,
    createdAt: customer.createdAt.toISOString(),
  };
}

export function toCustomerCreatedView({ customer, apiKey, invite }: CreatedCustomer): CustomerCreatedView {
  return { ...toCustomerView(customer), apiKey: toCreatedApiKeyView(apiKey), invite };
}
