import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, FieldError } from '@app/common';
import { CustomerEntity } from '@app/database';
import { normalizeOrigin } from './origins';

export interface CustomerSettingsView {
  allowedReturnOrigins: string[];
}

@Injectable()
export class SettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(customerId: string): Promise<CustomerSettingsView> {
    const customer = await this.db.getRepository(CustomerEntity).findOneByOrFail({ id: customerId });
    return { allowedReturnOrigins: customer.allowedReturnOrigins };
  }

  async put(customerId: string, input: { allowedReturnOrigins: string[] }): Promise<CustomerSettingsView> {
    const errors: FieldError[] = [];
    const origins = new Set<string>();
    input.allowedReturnOrigins.forEach((raw, i) => {
      const origin = normalizeOrigin(raw.trim());
      if (!origin) {
        errors.push({
          field: `allowedReturnOrigins.${i}`,
          code: 'invalid_origin',
          value: raw,
          message: `"${raw}" is not an origin: use scheme://host[:port] with https (http only for localhost), without a path`,
        });
      } else origins.add(origin);
    });
    if (errors.length) throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { errors });
    await this.db.getRepository(CustomerEntity).update({ id: customerId }, { allowedReturnOrigins: [...origins] });
    return this.get(customerId);
  }
}
