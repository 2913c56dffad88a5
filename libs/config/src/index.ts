export * from './app-config';
export * from './load-config';
export * from './config.module';
export { GRAPH_MAX_SUBSCRIPTION_MINUTES } from './mail-notification-settings';
