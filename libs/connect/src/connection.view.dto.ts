import { ApiProperty } from '@nestjs/swagger';
import type { ConnectAttemptStatus, ConnectionStatus } from '@app/database';
import type { ConnectAttemptView } from './connect-attempt.view';
import type { ConnectSessionCreatedView } from './connect-session.view';
import type { ConnectionEventView } from './connection-event.view';
import type { ConnectionView } from './connection.view';
import type { ConnectionsService } from './connections.service';
import type { Page } from './pagination';
import type { CustomerSettingsView } from './settings.view';

/*
 * The OpenAPI description of connection, attempt, settings and connect-session answers. Each class implements the view
 * it documents, so a field added to the view without its @ApiProperty fails to compile; the status lists are keyed by
 * the status types for the same reason.
 */

const NULLABLE_STRING = { type: String, nullable: true } as const;
const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;
const enumOf = <T extends string>(values: Record<T, 1>) => Object.keys(values) as T[];
const CONNECTION_STATUSES = enumOf<ConnectionStatus>({ active: 1, needs_reauth: 1, tenant_blocked: 1, error: 1 });
const ATTEMPT_STATUSES = enumOf<ConnectAttemptStatus>({ pending: 1, connected: 1, failed: 1, declined: 1, abandoned: 1 });
const NEXT_CURSOR = { ...NULLABLE_STRING, description: 'Pass as `cursor` to get the next page; null on the last page.' } as const;

export class ConnectionEndUserResponse implements Readonly<ConnectionView['endUser']> {
  @ApiProperty({ description: 'Your own id for the user.' })
  id!: string;
  @ApiProperty(NULLABLE_STRING)
  email!: string | null;
  @ApiProperty(NULLABLE_STRING)
  displayName!: string | null;
}

export class ConnectionAccountResponse implements Readonly<ConnectionView['account']> {
  @ApiProperty({ description: 'Microsoft Entra tenant id of the account (the consumers tenant for personal accounts).' })
  tenantId!: string;
  @ApiProperty()
  objectId!: string;
  @ApiProperty(NULLABLE_STRING)
  label!: string | null;
  @ApiProperty(NULLABLE_STRING)
  displayName!: string | null;
  @ApiProperty({ enum: ['personal', 'work_or_school'] })
  type!: 'personal' | 'work_or_school';
}

export class ConnectionViewResponse implements ConnectionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: ['outlook-email'] })
  connector!: 'outlook-email';
  @ApiProperty({ type: ConnectionEndUserResponse })
  endUser!: ConnectionEndUserResponse;
  @ApiProperty({ type: ConnectionAccountResponse })
  account!: ConnectionAccountResponse;
  @ApiProperty({ type: [String], description: 'The scopes Microsoft granted.' })
  scopes!: string[];
  @ApiProperty({ type: [String], description: "The connector's scopes Microsoft did not grant: Graph calls needing them answer 403." })
  missingScopes!: string[];
  @ApiProperty({ enum: CONNECTION_STATUSES })
  status!: ConnectionStatus;
  @ApiProperty(NULLABLE_STRING)
  statusReason!: string | null;
  @ApiProperty(NULLABLE_STRING)
  statusCode!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME)
  tokenExpiresAt!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME)
  nextRefreshAt!: string | null;
  @ApiProperty({ type: 'integer' })
  refreshFailures!: number;
  @ApiProperty(NULLABLE_STRING)
  lastRefreshError!: string | null;
  @ApiProperty({ type: 'integer', description: 'Token endpoint reads of this connection.' })
  readCount!: number;
  @ApiProperty(NULLABLE_DATE_TIME)
  lastRefreshedAt!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME)
  lastReadAt!: string | null;
  @ApiProperty(DATE_TIME)
  connectedAt!: string;
  @ApiProperty(DATE_TIME)
  createdAt!: string;
  @ApiProperty(DATE_TIME)
  updatedAt!: string;
}

export class ConnectionPageResponse implements Page<ConnectionView> {
  @ApiProperty({ type: [ConnectionViewResponse] })
  data!: ConnectionViewResponse[];
  @ApiProperty(NEXT_CURSOR)
  nextCursor!: string | null;
}

export class ConnectionEventResponse implements ConnectionEventView {
  @ApiProperty({ pattern: '^[0-9]+$', description: 'A bigint, as a string.' })
  id!: string;
  @ApiProperty({ description: 'connected, needs_reauth, tenant_blocked, recovered...' })
  status!: string;
  @ApiProperty(NULLABLE_STRING)
  code!: string | null;
  @ApiProperty(NULLABLE_STRING)
  reason!: string | null;
  @ApiProperty(DATE_TIME)
  at!: string;
}

export class ConnectionEventListResponse implements Awaited<ReturnType<ConnectionsService['events']>> {
  @ApiProperty({ type: [ConnectionEventResponse] })
  data!: ConnectionEventResponse[];
}

export class ConnectAttemptResponse implements ConnectAttemptView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: ['outlook-email'] })
  connector!: 'outlook-email';
  @ApiProperty()
  endUserId!: string;
  @ApiProperty({ enum: ATTEMPT_STATUSES })
  status!: ConnectAttemptStatus;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The OAuth error (access_denied, invalid_client...) or a Latchkey code.' })
  error!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The Microsoft error code (AADSTS...).' })
  errorCode!: string | null;
  @ApiProperty(NULLABLE_STRING)
  explanation!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid' })
  connectionId!: string | null;
  @ApiProperty(NULLABLE_STRING)
  accountLabel!: string | null;
  @ApiProperty(DATE_TIME)
  createdAt!: string;
  @ApiProperty(NULLABLE_DATE_TIME)
  completedAt!: string | null;
}

export class ConnectAttemptPageResponse implements Page<ConnectAttemptView> {
  @ApiProperty({ type: [ConnectAttemptResponse] })
  data!: ConnectAttemptResponse[];
  @ApiProperty(NEXT_CURSOR)
  nextCursor!: string | null;
}

export class SettingsResponse implements CustomerSettingsView {
  @ApiProperty({ type: [String], description: 'Origins (https://host[:port]) a connect-session returnUrl and popup postMessage may target.' })
  allowedReturnOrigins!: string[];
}

export class ConnectSessionCreatedResponse implements ConnectSessionCreatedView {
  @ApiProperty({ description: 'Single-purpose token of the hosted catalog (30 minutes).' })
  token!: string;
  @ApiProperty({ format: 'uri', description: 'The catalog: open it as a page or a popup.' })
  url!: string;
  @ApiProperty(DATE_TIME)
  expiresAt!: string;
  @ApiProperty()
  endUserId!: string;
}
