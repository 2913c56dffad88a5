import { Module } from '@nestjs/common';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { ConsoleSessionsService } from './console-sessions.service';
import { CustomerAuthGuard } from './customer-auth.guard';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { OperatorAuthGuard } from './operator-auth.guard';
import { PasswordCheckLimiter } from './password-check-limiter';

const PROVIDERS = [
  CustomersRepository,
  ApiKeysRepository,
  MembersRepository,
  ConsoleSessionsRepository,
  CustomersService,
  ApiKeyCache,
  ApiKeysService,
  MembersService,
  ConsoleSessionsService,
  CustomerAuthGuard,
  OperatorAuthGuard,
  PasswordCheckLimiter,
];

@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class CustomersModule {}
