import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { bearerToken, DomainError } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The platform operator's endpoints: `Authorization: Bearer <OPERATOR_TOKEN>`. */
@Injectable()
export class OperatorAuthGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = digest(config.operatorToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const token = bearerToken(context.switchToHttp().getRequest<Request>());
    if (!token) {
      throw new DomainError('UNAUTHENTICATED', 'Send the operator token as "Authorization: Bearer <OPERATOR_TOKEN>".', {
        headers: { 'WWW-Authenticate': 'Bearer realm="latchkey-operator"' },
      });
    }
    if (!timingSafeEqual(digest(token), this.expected)) {
      throw new DomainError('FORBIDDEN', 'The operator token is not valid.');
    }
    return true;
  }
}
