export * from './webhook-queue';
export * from './webhook-delivery.module';
