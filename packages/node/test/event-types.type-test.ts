// Compiled by `npm run typecheck`: the SDK's event types are the server's (through the generated OpenAPI types).
import type { EventType as ServerEventType } from '@app/events';
import type { EventType } from '../src';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sdkEventTypesMatchServer: Same<EventType, ServerEventType> = true;
