import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import { CustomerEntity, isUniqueViolation } from '@app/database';
import { ApiKeysService, CreatedApiKey } from './api-keys.service';
import type { CreateCustomerInput } from './customer.input';
import { CustomersRepository } from './customers.repository';
import type { Invite } from './invite.view';
import { MembersService } from './members.service';

/** A customer just created, with what is shown only this once. */
export interface CreatedCustomer {
  customer: CustomerEntity;
  apiKey: CreatedApiKey;
  invite: Invite | null;
}

/** Tries before giving up on a free derived slug. */
const SLUG_ATTEMPTS = 5;

function slugify(name: string): string {
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
    private readonly customers: CustomersRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly members: MembersService,
  ) {}

  /**
   * Creates the customer, its first secret API key and, with adminEmail, its first console member's invite, in one
   * transaction. The key and the invite link are returned only here.
   */
  async create(input: CreateCustomerInput): Promise<CreatedCustomer> {
    const explicit = input.slug !== undefined;
    const base = input.slug ?? slugify(input.name);
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const slug = attempt === 0 ? base : `${base.slice(0, 33)}-${randomBytes(3).toString('hex')}`;
      try {
        return await this.createWithSlug(input, slug);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (explicit) {
          throw new DomainError('SLUG_TAKEN', `The slug "${slug}" is already used by another customer. Choose another one.`, {
            errors: [{ field: 'slug', code: 'taken', message: `"${slug}" is taken` }],
          });
        }
      }
    }
    throw new DomainError('CONFLICT', 'Could not find a free slug; send one explicitly.');
  }

  get(customerId: string): Promise<CustomerEntity> {
    return this.customers.getById(customerId);
  }

  private createWithSlug(input: CreateCustomerInput, slug: string): Promise<CreatedCustomer> {
    return this.db.transaction(async (em) => {
      const customerId = randomUUID();
      await this.customers.insert(customerId, { name: input.name, slug }, em);
      const apiKey = await this.apiKeys.create(customerId, { name: 'Initial key' }, em);
      const invite = input.adminEmail ? await this.members.invite(customerId, input.adminEmail, em, 'adminEmail') : null;
      const customer = await this.customers.getById(customerId, em);
      return { customer, apiKey, invite };
    });
  }
}
