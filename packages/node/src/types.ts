import type { components, operations } from './generated/openapi.js';

/** Names for the API's schemas, all generated from the OpenAPI document (src/generated/openapi.ts). */
type Schemas = components['schemas'];
type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export type Problem = Schemas['Problem'];
export type ProblemCode = Problem['code'];
export type EndUser = Schemas['EndUserDto'];
export type CreateConnectSession = Schemas['CreateConnectSessionDto'];
export type ConnectSession = Schemas['ConnectSessionCreatedResponse'];
export type Connection = Schemas['ConnectionViewResponse'];
export type ConnectionPage = Schemas['ConnectionPageResponse'];
export type ConnectionListQuery = QueryOf<'ConnectionsController_list'>;
export type ConnectionEvents = Schemas['ConnectionEventListResponse'];
export type Token = Schemas['TokenAnswerResponse'];
export type WebhookEndpoint = Schemas['WebhookEndpointResponse'];
export type WebhookEndpointCreated = Schemas['WebhookEndpointCreatedResponse'];
export type CreateWebhookEndpoint = Schemas['CreateWebhookEndpointDto'];
export type UpdateWebhookEndpoint = Schemas['UpdateWebhookEndpointDto'];
export type WebhookSecret = Schemas['WebhookSecretResponse'];
export type WebhookTest = Schemas['WebhookTestResponse'];
export type WebhookAttemptPage = Schemas['WebhookAttemptPageResponse'];
export type WebhookDeliveriesQuery = QueryOf<'WebhookEndpointsController_deliveries'>;
export type EventPage = Schemas['EventPageResponse'];
export type EventListQuery = QueryOf<'EventsController_list'>;
export type Redelivery = Schemas['RedeliverResponse'];
export type Settings = Schemas['SettingsResponse'];
export type PutSettings = Schemas['PutSettingsDto'];

/** Every event type the API sends, from the document's EventType enum: a regeneration brings new ones in. */
export type EventType = Schemas['EventType'];

/** An event, as `GET /v1/events/{id}` answers it and as a webhook delivers it. */
export type LatchkeyEvent = Omit<Schemas['EventResponse'], 'type'> & { type: EventType };

export interface TokenOptions {
  /** Seconds the token must stay valid (the API's default is 300). */
  minValidity?: number;
}
