export * from './customer-context';
export * from './customers.service';
export * from './api-keys.service';
export * from './customer-auth.guard';
export * from './operator-auth.guard';
export * from './current-customer.decorator';
export * from './customers.module';
