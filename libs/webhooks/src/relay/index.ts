export * from './event-relay.service';
export * from './delivery-sweeper.service';
export * from './relay-loop.service';
export * from './webhook-relay.module';
