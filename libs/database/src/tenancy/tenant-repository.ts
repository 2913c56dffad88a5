import type { DataSource, DeepPartial, EntityManager, EntityTarget, FindManyOptions, FindOptionsWhere, Repository, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { TenantOwned, TenantWhere, WithinTenant } from './tenant-where';

/**
 * The base of every repository over a tenant's table: each method takes `customerId` first and puts it into the
 * query itself, so a query that forgets the tenant cannot be written through it (Immich's `getById(userId, id)`).
 * Lookups that resolve the tenant from a secret (a token hash, a sign-in e-mail) are named methods of the concrete
 * repository, never a generic unscoped find.
 */
export abstract class TenantRepository<E extends TenantOwned> {
  protected constructor(
    protected readonly db: DataSource,
    private readonly target: EntityTarget<E>,
  ) {}

  /** The TypeORM repository, in a transaction's manager when one is given. */
  protected repo(em: EntityManager = this.db.manager): Repository<E> {
    return em.getRepository(this.target);
  }

  /** The where clause with the tenant in it (a TenantWhere, in the shape TypeORM's methods take). */
  protected where(customerId: string, where: WithinTenant<E> = {} as WithinTenant<E>): FindOptionsWhere<E> {
    const scoped: TenantWhere<E> = { ...where, customerId };
    return scoped as FindOptionsWhere<E>;
  }

  findOne(customerId: string, where: WithinTenant<E>, em?: EntityManager): Promise<E | null> {
    return this.repo(em).findOneBy(this.where(customerId, where));
  }

  find(customerId: string, where: WithinTenant<E> = {} as WithinTenant<E>, options: Omit<FindManyOptions<E>, 'where'> = {}, em?: EntityManager): Promise<E[]> {
    return this.repo(em).find({ ...options, where: this.where(customerId, where) });
  }

  count(customerId: string, where: WithinTenant<E> = {} as WithinTenant<E>, em?: EntityManager): Promise<number> {
    return this.repo(em).countBy(this.where(customerId, where));
  }

  /** Inserts rows of this tenant (the tenant overrides any customerId in the values). */
  async insert(customerId: string, values: Omit<DeepPartial<E>, 'customerId'>, em?: EntityManager): Promise<void> {
    await this.repo(em).insert({ ...values, customerId } as unknown as QueryDeepPartialEntity<E>);
  }

  /** The number of rows changed. */
  async update(customerId: string, where: WithinTenant<E>, patch: Omit<QueryDeepPartialEntity<E>, 'customerId'>, em?: EntityManager): Promise<number> {
    const result = await this.repo(em).update(this.where(customerId, where), patch as QueryDeepPartialEntity<E>);
    return result.affected ?? 0;
  }

  /** The number of rows deleted. */
  async delete(customerId: string, where: WithinTenant<E>, em?: EntityManager): Promise<number> {
    const result = await this.repo(em).delete(this.where(customerId, where));
    return result.affected ?? 0;
  }

  /** A query builder already restricted to the tenant's rows (`<alias>.customer_id = :customerId`). */
  select(customerId: string, alias: string, em?: EntityManager): SelectQueryBuilder<E> {
    return this.repo(em).createQueryBuilder(alias).where(`${alias}.customer_id = :customerId`, { customerId });
  }
}
