import { ApiKeyEntity } from './entities/api-key.entity';
import { ConnectAttemptEntity } from './entities/connect-attempt.entity';
import { ConnectSessionEntity } from './entities/connect-session.entity';
import { ConnectionEventEntity } from './entities/connection-event.entity';
import { ConnectionEntity } from './entities/connection.entity';
import { ConnectorEntity } from './entities/connector.entity';
import { CustomerEntity } from './entities/customer.entity';
import { OAuthStateEntity } from './entities/oauth-state.entity';
import { MemberEntity } from './entities/member.entity';
import { ConsoleSessionEntity } from './entities/console-session.entity';
import { EventEntity } from './entities/event.entity';
import { WebhookAttemptEntity } from './entities/webhook-attempt.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';

/** Listed explicitly: glob loading breaks under bundlers and path aliases. */
export const ENTITIES = [
  CustomerEntity,
  ApiKeyEntity,
  ConnectorEntity,
  ConnectSessionEntity,
  OAuthStateEntity,
  ConnectionEntity,
  ConnectAttemptEntity,
  ConnectionEventEntity,
  MemberEntity,
  ConsoleSessionEntity,
  EventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
];
