export * from './entities/customer.entity';
export * from './entities/api-key.entity';
export * from './entities/connector.entity';
export * from './entities';
export * from './data-source-options';
export * from './run-migrations';
