import type { FindOptionsWhere } from 'typeorm';

/** Any entity owned by one customer (every table but `customers`). */
export interface TenantOwned {
  customerId: string;
}

/**
 * A where clause on a tenant's rows that cannot be built without the tenant: `customerId` is required and must be a
 * plain string (not a FindOperator such as In() or Not(), which could widen it to other tenants). After Novu's
 * libs/dal/src/types/enforce.ts.
 */
export type TenantWhere<E extends TenantOwned> = Omit<FindOptionsWhere<E>, 'customerId'> & { customerId: string };

/** The rest of a where clause, once the tenant is given as its own argument. */
export type WithinTenant<E extends TenantOwned> = Omit<FindOptionsWhere<E>, 'customerId'>;
