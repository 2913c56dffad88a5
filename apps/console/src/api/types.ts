import type { components } from './openapi';

/**
 * The /v1 answers and bodies the console uses, named after the API's OpenAPI schemas (openapi.d.ts is generated
 * from the server's response classes: `npm run openapi:generate`).
 */
type Schemas = components['schemas'];

export type ConsoleSession = Schemas['ConsoleSignedInResponse'];
/** GET /v1/console/session answers 200 either way. */
export type SessionAnswer = ConsoleSession | Schemas['ConsoleSignedOutResponse'];
export type InviteView = Schemas['InviteDescriptionResponse'];

export type ConnectorView = Schemas['ConnectorViewResponse'];
/** The body of PUT /v1/connectors/outlook-email: fields left out keep their value. */
export type ConnectorUpdate = Schemas['PutOutlookEmailConnectorDto'];
export type AppMode = ConnectorView['appMode'];
export type ClientType = ConnectorView['clientType'];
export type MailFolder = ConnectorView['mailNotifications']['folder'];
export type MailChangeType = ConnectorView['mailNotifications']['changeTypes'][number];
export type ScopeDefinition = Schemas['ScopeDefinitionResponse'];
export type ScopeList = Schemas['ScopeListResponse'];

export type ConnectionView = Schemas['ConnectionViewResponse'];
/** GET /v1/connections/{id}: the list's fields and the connection's mail subscription. */
export type ConnectionDetail = Schemas['ConnectionDetailResponse'];
export type ConnectionPage = Schemas['ConnectionPageResponse'];
export type ConnectionEvent = Schemas['ConnectionEventResponse'];
export type ConnectionEventList = Schemas['ConnectionEventListResponse'];
export type GraphCall = Schemas['GraphCallResponse'];
export type GraphCallList = Schemas['GraphCallListResponse'];
export type ConnectAttempt = Schemas['ConnectAttemptResponse'];
export type ConnectAttemptPage = Schemas['ConnectAttemptPageResponse'];
export type ConnectSessionCreated = Schemas['ConnectSessionCreatedResponse'];

export type ApiKey = Schemas['ApiKeyResponse'];
export type ApiKeyList = Schemas['ApiKeyListResponse'];
export type CreatedApiKey = Schemas['ApiKeyCreatedResponse'];

export type CustomerSettings = Schemas['SettingsResponse'];

export type WebhookEventType = Schemas['EventType'];
export type WebhookEndpoint = Schemas['WebhookEndpointResponse'];
export type CreatedWebhookEndpoint = Schemas['WebhookEndpointCreatedResponse'];
export type WebhookEndpointList = Schemas['WebhookEndpointListResponse'];
/** The body of PATCH /v1/webhook-endpoints/{id} (fields left out keep their value); POST takes the same with a url. */
export type WebhookEndpointInput = Schemas['UpdateWebhookEndpointDto'];
export type RotatedWebhookSecret = Schemas['WebhookSecretResponse'];

export type WebhookAttempt = Schemas['WebhookAttemptResponse'];
export type WebhookAttemptPage = Schemas['WebhookAttemptPageResponse'];
export type WebhookTestResult = Schemas['WebhookTestResponse'];
