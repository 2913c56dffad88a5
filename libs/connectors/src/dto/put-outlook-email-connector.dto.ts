import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull, UUID_RE } from '@app/common';
import type { MailChangeType, MailFolderSetting } from '@app/database';
import type { ConnectorInput } from '../connector.input';
import { MAIL_CHANGE_TYPES, MAIL_FOLDERS, MailNotificationsInput } from '../mail-notifications';

export class MailNotificationsDto implements MailNotificationsInput {
  @ApiPropertyOptional({ description: "Keep a Graph subscription alive for every active connection and forward its notifications as mail.message.* events. Needs Mail.ReadBasic or Mail.Read in scopes." })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: MAIL_FOLDERS, description: "inbox: the Inbox folder (me/mailFolders('Inbox')/messages); all: the whole mailbox (me/messages)." })
  @OptionalNotNull()
  @IsIn(MAIL_FOLDERS)
  folder?: MailFolderSetting;

  @ApiPropertyOptional({ type: [String], enum: MAIL_CHANGE_TYPES, minItems: 1, maxItems: 3, uniqueItems: true, description: 'Which changes are notified (default ["created"]).' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(MAIL_CHANGE_TYPES, { each: true })
  changeTypes?: MailChangeType[];
}

/**
 * PUT merges: a field left out keeps its stored value (or its default on first save). `null` clears a nullable field.
 * The stored client secret changes only when `clientSecret` is sent.
 */
export class PutOutlookEmailConnectorDto implements ConnectorInput {
  @ApiPropertyOptional({ enum: ['private', 'default'], description: "private: your own Azure app. default: the platform's app." })
  @OptionalNotNull()
  @IsIn(['private', 'default'])
  appMode?: 'private' | 'default';

  @ApiPropertyOptional({ description: 'Application (client) ID of your Azure app registration (a GUID).', type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(UUID_RE, { message: 'clientId must be the Application (client) ID from the Azure portal: a GUID like 0b8f...-...' })
  clientId?: string | null;

  @ApiPropertyOptional({ description: 'Client secret VALUE (not its ID). Write-only; null removes it.', type: String, nullable: true, writeOnly: true, minLength: 1, maxLength: 1024 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(1, 1024)
  clientSecret?: string | null;

  @ApiPropertyOptional({ description: 'When the secret expires in Azure (ISO 8601), so Latchkey can warn before it does.', type: String, nullable: true, example: '2027-05-01' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true }, { message: 'clientSecretExpiresAt must be an ISO 8601 date, e.g. 2027-05-01 or 2027-05-01T00:00:00Z' })
  clientSecretExpiresAt?: string | null;

  @ApiPropertyOptional({ enum: ['confidential', 'public'], description: 'confidential: Web platform + secret. public: Mobile and desktop platform, PKCE only.' })
  @OptionalNotNull()
  @IsIn(['confidential', 'public'])
  clientType?: 'confidential' | 'public';

  @ApiPropertyOptional({ description: 'common, organizations, consumers, a tenant GUID or a verified domain.', example: 'common', maxLength: 253 })
  @OptionalNotNull()
  @IsString()
  @MaxLength(253)
  tenant?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, items: { type: 'string', maxLength: 200 }, description: 'Delegated Graph scopes; offline_access is always added.', example: ['Mail.Read', 'User.Read'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  scopes?: string[];

  @ApiPropertyOptional({ description: 'Name shown in your catalog.', example: 'Outlook Email', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uri', maxLength: 2048, description: 'https URL of a logo shown in the catalog.' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { message: 'logoUrl must be an https URL' })
  @MaxLength(2048)
  logoUrl?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    description: 'Allow one end user to connect several Microsoft accounts. Off: connecting another account replaces the previous one in the same connection.',
  })
  @OptionalNotNull()
  @IsBoolean()
  multipleAccounts?: boolean;

  @ApiPropertyOptional({ type: MailNotificationsDto, description: 'New mail pushed as webhook events (merged like the rest: fields left out keep their value).' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => MailNotificationsDto)
  mailNotifications?: MailNotificationsDto;
}
