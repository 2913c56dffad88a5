import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CallbackRegistration } from './callback-url';
import type { MailChangeType, MailFolderSetting } from '@app/database';
import type { ConnectorView, ConnectorWarning, CredentialCheck } from './connector.view';
import { MAIL_CHANGE_TYPES, MAIL_FOLDERS, MailNotificationsView } from './mail-notifications';
import type { ScopeDefinition, ScopeGroup } from './outlook-email.scopes';

/*
 * The OpenAPI description of the connector answers. Each class implements the view it documents, so a field added to
 * the view without its @ApiProperty fails to compile.
 */

const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;
const NULLABLE_STRING = { type: String, nullable: true } as const;
/** Keyed by the union types, so a value added there without being documented here fails to compile. */
const enumOf = <T extends string>(values: Record<T, 1>) => Object.keys(values) as T[];
const WARNING_CODES = enumOf<ConnectorWarning['code']>({ client_secret_expiring: 1, client_secret_expired: 1, connector_misconfigured: 1, connections_missing_scopes: 1 });
const CHECK_RESULTS = enumOf<CredentialCheck['result']>({ passed: 1, failed: 1, unverified: 1 });
const SCOPE_GROUPS = enumOf<ScopeGroup>({ 'Sign-in': 1, Mail: 1, 'Mailbox settings': 1, Profile: 1, Contacts: 1, Calendars: 1 });

export class ConnectorWarningResponse implements ConnectorWarning {
  @ApiProperty({ enum: WARNING_CODES })
  code!: ConnectorWarning['code'];
  @ApiProperty()
  message!: string;
}

export class CredentialCheckResponse implements CredentialCheck {
  @ApiProperty({ enum: CHECK_RESULTS, description: 'passed: the flag is lifted; failed: Microsoft still refuses the app (flag kept); unverified: lifted, not proven.' })
  result!: CredentialCheck['result'];
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid' })
  connectionId!: string | null;
  @ApiProperty(NULLABLE_STRING)
  microsoftError!: string | null;
  @ApiProperty()
  message!: string;
}

export class ClientSecretResponse implements Readonly<ConnectorView['clientSecret']> {
  @ApiProperty()
  set!: boolean;
  @ApiProperty(NULLABLE_DATE_TIME)
  updatedAt!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The first characters of the secret, to tell secrets apart.' })
  hint!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME)
  expiresAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  expiresInDays!: number | null;
}

export class ScopeDetailResponse implements Readonly<ConnectorView['scopeDetails'][number]> {
  @ApiProperty()
  name!: string;
  @ApiProperty()
  required!: boolean;
  @ApiProperty()
  adminConsentRequired!: boolean;
  @ApiProperty()
  workAccountsOnly!: boolean;
}

export class RedirectUriResponse implements CallbackRegistration {
  @ApiProperty({ format: 'uri' })
  url!: string;
  @ApiProperty({ enum: ['web', 'mobile_and_desktop'], description: 'The Azure "Authentication" platform to add it under.' })
  platform!: CallbackRegistration['platform'];
  @ApiProperty()
  platformLabel!: string;
  @ApiProperty({ description: 'false for the default app: the operator registered its callback once for everyone.' })
  registrationRequired!: boolean;
}

export class MailNotificationsResponse implements MailNotificationsView {
  @ApiProperty()
  enabled!: boolean;
  @ApiProperty({ enum: MAIL_FOLDERS })
  folder!: MailFolderSetting;
  @ApiProperty({ type: [String], enum: MAIL_CHANGE_TYPES })
  changeTypes!: MailChangeType[];
  @ApiProperty({ format: 'uri', description: 'Where Graph sends change notifications.' })
  notificationUrl!: string;
  @ApiProperty({ format: 'uri', description: 'Where Graph sends lifecycle notifications.' })
  lifecycleNotificationUrl!: string;
}

export class ConnectorViewResponse implements ConnectorView {
  @ApiProperty({ enum: ['outlook-email'] })
  kind!: 'outlook-email';
  @ApiProperty({ description: 'false until the first save: the other fields then show the defaults.' })
  configured!: boolean;
  @ApiProperty({ ...NULLABLE_STRING, format: 'uuid' })
  id!: string | null;
  @ApiProperty({ enum: ['private', 'default'] })
  appMode!: 'private' | 'default';
  @ApiProperty()
  defaultAppAvailable!: boolean;
  @ApiProperty(NULLABLE_STRING)
  clientId!: string | null;
  @ApiProperty({ enum: ['confidential', 'public'] })
  clientType!: 'confidential' | 'public';
  @ApiProperty({ type: ClientSecretResponse })
  clientSecret!: ClientSecretResponse;
  @ApiProperty()
  tenant!: string;
  @ApiProperty({ type: [String] })
  scopes!: string[];
  @ApiProperty({ type: [String] })
  requiredScopes!: string[];
  @ApiProperty({ type: [ScopeDetailResponse] })
  scopeDetails!: ScopeDetailResponse[];
  @ApiProperty({ format: 'uri' })
  callbackUrl!: string;
  @ApiProperty({ type: RedirectUriResponse })
  redirectUri!: RedirectUriResponse;
  @ApiProperty()
  displayName!: string;
  @ApiProperty(NULLABLE_STRING)
  description!: string | null;
  @ApiProperty(NULLABLE_STRING)
  logoUrl!: string | null;
  @ApiProperty()
  enabled!: boolean;
  @ApiProperty({ description: 'false: one Microsoft account per end user (a new one replaces the old); true: several.' })
  multipleAccounts!: boolean;
  @ApiProperty({ type: MailNotificationsResponse, description: 'New mail pushed as mail.message.* webhook events.' })
  mailNotifications!: MailNotificationsResponse;
  @ApiProperty({ type: [ConnectorWarningResponse] })
  warnings!: ConnectorWarningResponse[];
  @ApiProperty({ type: 'integer', description: 'Active connections to which Microsoft did not grant every scope of the connector.' })
  connectionsMissingScopes!: number;
  @ApiPropertyOptional({ type: CredentialCheckResponse, description: 'Only in the answer of a save that re-checked a flagged connector.' })
  credentialCheck?: CredentialCheckResponse;
  @ApiProperty(NULLABLE_DATE_TIME)
  createdAt!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME)
  updatedAt!: string | null;
}

export class ScopeDefinitionResponse implements ScopeDefinition {
  @ApiProperty()
  name!: string;
  @ApiProperty({ enum: SCOPE_GROUPS })
  group!: ScopeGroup;
  @ApiProperty()
  description!: string;
  @ApiProperty()
  adminConsentRequired!: boolean;
  @ApiProperty()
  workAccountsOnly!: boolean;
  @ApiProperty()
  required!: boolean;
}

export class ScopeListResponse {
  @ApiProperty({ type: [ScopeDefinitionResponse] })
  data!: ScopeDefinitionResponse[];
}
