import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { DomainError } from '@app/common';
import { CustomerEntity } from '@app/database';
import { ApiKeysService, CreatedApiKey } from './api-keys.service';
import { Invite, MembersService } from './members.service';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return base.length >= 3 ? base : `customer-${base || randomBytes(3).toString('hex')}`.replace(/-+$/, '');
}

@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly apiKeys: ApiKeysService,
    private readonly members: MembersService,
  ) {}

  /**
   * Creates the customer, its first secret API key and, with adminEmail, its first console member's invite, in one
   * transaction. The key and the invite link are returned only here.
   */
  async create(input: { name: string; slug?: string; adminEmail?: string }): Promise<{ customer: CustomerEntity; apiKey: CreatedApiKey; invite: Invite | null }> {
    const explicit = input.slug !== undefined;
    const base = input.slug ?? slugify(input.name);
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = attempt === 0 ? base : `${base.slice(0, 33)}-${randomBytes(3).toString('hex')}`;
      try {
        return await this.db.transaction(async (em) => {
          const customer = em.create(CustomerEntity, { id: randomUUID(), name: input.name, slug });
          await em.insert(CustomerEntity, customer);
          const apiKey = await this.apiKeys.create(customer.id, { name: 'Initial key' }, em);
          const invite = input.adminEmail ? await this.members.invite(customer.id, input.adminEmail, em, 'adminEmail') : null;
          const saved = await em.findOneByOrFail(CustomerEntity, { id: customer.id });
          return { customer: saved, apiKey, invite };
        });
      } catch (error) {
        const unique = error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505';
        if (!unique) throw error;
        if (explicit) {
          throw new DomainError('SLUG_TAKEN', `The slug "${slug}" is already used by another customer. Choose another one.`, {
            errors: [{ field: 'slug', code: 'taken', message: `"${slug}" is taken` }],
          });
        }
      }
    }
    throw new DomainError('CONFLICT', 'Could not find a free slug; send one explicitly.');
  }

  async get(customerId: string): Promise<CustomerEntity> {
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: customerId });
    if (!customer) throw DomainError.notFound('Customer');
    return customer;
  }
}
