export { Latchkey } from './latchkey.js';
export type { LatchkeyOptions } from './latchkey.js';
export { ConnectionNeedsReauthError, ConnectorMisconfiguredError, LatchkeyError, MicrosoftUnavailableError } from './latchkey-error.js';
export type { ClientErrorCode } from './latchkey-error.js';
export { GraphClient, GraphError } from './graph-client.js';
export type { GraphRequestInit } from './graph-client.js';
export { webhooks, WebhookVerificationError } from './webhooks.js';
export type { WebhookHeaders } from './webhooks.js';
export type * from './types.js';
