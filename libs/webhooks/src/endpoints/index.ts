export * from './webhook-url-policy';
