import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@app/common';
import { EVENT_TYPES } from '@app/events';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook-endpoint.input';

const URL_DOC = { description: 'Where events are POSTed: https (plain http only outside production).', example: 'https://app.example.com/webhooks/latchkey', maxLength: 2048 } as const;
const EVENTS_DOC = { description: 'Event types it receives (default: all).', isArray: true, enum: [...EVENT_TYPES], enumName: 'EventType', maxItems: 20 };

export class CreateWebhookEndpointDto implements CreateWebhookEndpointInput {
  @ApiProperty(URL_DOC)
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional(EVENTS_DOC)
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  events?: string[];

  @ApiPropertyOptional({ maxLength: 500, example: 'Production receiver' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookEndpointDto implements UpdateWebhookEndpointInput {
  @ApiPropertyOptional(URL_DOC)
  @OptionalNotNull()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional(EVENTS_DOC)
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  events?: string[];

  @ApiPropertyOptional({ description: 'false stops deliveries (disabledCode disabled_by_customer); true clears a disabling.' })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'null clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}
