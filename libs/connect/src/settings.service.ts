import { Injectable } from '@nestjs/common';
import { DomainError, FieldError } from '@app/common';
import { CustomersRepository } from '@app/customers';
import { normalizeOrigin } from './origins';
import type { SettingsInput } from './settings.input';
import { CustomerSettingsView, toSettingsView } from './settings.view';

@Injectable()
export class SettingsService {
  constructor(private readonly customers: CustomersRepository) {}

  async get(customerId: string): Promise<CustomerSettingsView> {
    return toSettingsView(await this.customers.getById(customerId));
  }

  async put(customerId: string, input: SettingsInput): Promise<CustomerSettingsView> {
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
    await this.customers.update(customerId, { allowedReturnOrigins: [...origins] });
    return this.get(customerId);
  }
}
