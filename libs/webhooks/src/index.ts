export * from './endpoints';
export * from './delivery';
export * from './relay';
