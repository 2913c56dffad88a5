import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DomainError } from '@app/common';
import { CustomerEntity } from '@app/database';

/**
 * The `customers` table is the tenant itself, so it does not extend TenantRepository: the customer id is the key of
 * every method, taken first like the tenant id of every other repository.
 */
@Injectable()
export class CustomersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(customerId: string, em: EntityManager = this.db.manager): Promise<CustomerEntity | null> {
    return em.getRepository(CustomerEntity).findOneBy({ id: customerId });
  }

  /** The customer, or a NOT_FOUND domain error. */
  async getById(customerId: string, em?: EntityManager): Promise<CustomerEntity> {
    const customer = await this.findById(customerId, em);
    if (!customer) throw DomainError.notFound('Customer');
    return customer;
  }

  async insert(customerId: string, values: Pick<CustomerEntity, 'name' | 'slug'>, em: EntityManager = this.db.manager): Promise<void> {
    await em.getRepository(CustomerEntity).insert({ ...values, id: customerId });
  }

  /** The number of rows changed (0 or 1). */
  async update(customerId: string, patch: Omit<QueryDeepPartialEntity<CustomerEntity>, 'id'>, em: EntityManager = this.db.manager): Promise<number> {
    const result = await em.getRepository(CustomerEntity).update({ id: customerId }, patch);
    return result.affected ?? 0;
  }

  /** Takes the customer's row lock until the transaction ends, so that changes of one customer run one at a time. */
  async lock(customerId: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT id FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
  }
}
