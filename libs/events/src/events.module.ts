import { Global, Module } from '@nestjs/common';
import { EventsOutbox } from './events-outbox';

@Global()
@Module({ providers: [EventsOutbox], exports: [EventsOutbox] })
export class EventsModule {}
