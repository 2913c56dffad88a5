import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@app/common';
import { ApiKeysService } from './api-keys.service';
import { CustomerContext } from './customer-context';

export type RequestWithCustomer = Request & { customer?: CustomerContext };

export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Resolves the platform customer from `Authorization: Bearer lk_sk_...`. */
@Injectable()
export class CustomerAuthGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithCustomer>();
    const token = bearerToken(req);
    if (!token) {
      throw new DomainError('UNAUTHENTICATED', 'Send your secret API key as "Authorization: Bearer lk_sk_...".', {
        headers: { 'WWW-Authenticate': 'Bearer realm="latchkey"' },
      });
    }
    const customer = await this.apiKeys.authenticate(token);
    if (!customer) {
      throw new DomainError('INVALID_API_KEY', 'The API key is unknown or has been revoked.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="latchkey", error="invalid_token"' },
      });
    }
    req.customer = customer;
    return true;
  }
}
