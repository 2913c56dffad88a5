import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CustomerContext } from './customer-context';
import type { RequestWithCustomer } from './customer-auth.guard';

/** The customer resolved by CustomerAuthGuard; the only way a handler learns its tenant. */
export const CurrentCustomer = createParamDecorator((_data: unknown, ctx: ExecutionContext): CustomerContext => {
  const customer = ctx.switchToHttp().getRequest<RequestWithCustomer>().customer;
  if (!customer) throw new Error('CurrentCustomer used on a route without CustomerAuthGuard');
  return customer;
});
