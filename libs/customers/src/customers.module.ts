import { Module } from '@nestjs/common';
import { ApiKeysService } from './api-keys.service';
import { CustomerAuthGuard } from './customer-auth.guard';
import { CustomersService } from './customers.service';
import { OperatorAuthGuard } from './operator-auth.guard';

@Module({
  providers: [CustomersService, ApiKeysService, CustomerAuthGuard, OperatorAuthGuard],
  exports: [CustomersService, ApiKeysService, CustomerAuthGuard, OperatorAuthGuard],
})
export class CustomersModule {}
