export * from './event-types';
export * from './event-id';
export * from './event-envelope';
export * from './events-outbox';
export * from './events.module';
