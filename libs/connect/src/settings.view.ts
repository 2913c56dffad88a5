import type { CustomerEntity } from '@app/database';

export function toSettingsView(customer: CustomerEntity) {
  return { allowedReturnOrigins: customer.allowedReturnOrigins };
}

export type CustomerSettingsView = ReturnType<typeof toSettingsView>;
