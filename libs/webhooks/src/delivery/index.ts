export * from './webhook-queue';
export * from './webhook-delivery.module';
export * from './retry-policy';
export * from './webhook-signer';
export * from './webhook-sender';
export * from './finish-statement';
export * from './deliveries.repository';
export * from './webhook-deliverer';
