import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull } from '@app/common';
import type { WebhookAttemptView } from './webhook-attempt.view';

const NULLABLE_STRING = { type: String, nullable: true } as const;

class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class ListWebhookAttemptsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['succeeded', 'failed'] })
  @IsOptional()
  @IsIn(['succeeded', 'failed'])
  status?: 'succeeded' | 'failed';
}

export class ListEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this event type', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only events about this connection' })
  @IsOptional()
  @IsUUID()
  connectionId?: string;
}

export class RedeliverEventDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only to this endpoint (default: every enabled endpoint subscribed to the type)' })
  @OptionalNotNull()
  @IsUUID()
  endpointId?: string;
}

export class WebhookAttemptResponse implements Readonly<WebhookAttemptView> {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;
  @ApiProperty({ example: 'evt_0f8e2d3c4b5a69788796a5b4c3d2e1f0' })
  eventId!: string;
  @ApiProperty()
  eventType!: string;
  @ApiProperty()
  attempt!: number;
  @ApiProperty({ enum: ['succeeded', 'failed'] })
  status!: 'succeeded' | 'failed';
  @ApiProperty({ type: Number, nullable: true })
  httpStatus!: number | null;
  @ApiProperty({ ...NULLABLE_STRING, description: '`timeout`, `connection_refused`, `address_not_allowed`, `http_status`...' })
  error!: string | null;
  @ApiProperty()
  durationMs!: number;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The first 1 KB of the answer.' })
  responseBody!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  attemptedAt!: string;
}

export class WebhookAttemptPageResponse {
  @ApiProperty({ type: [WebhookAttemptResponse] })
  data!: WebhookAttemptResponse[];
  @ApiProperty(NULLABLE_STRING)
  nextCursor!: string | null;
}

export class WebhookTestResponse {
  @ApiProperty()
  delivered!: boolean;
  @ApiProperty({ type: WebhookAttemptResponse, nullable: true })
  attempt!: WebhookAttemptResponse | null;
}

export class EventResponse {
  @ApiProperty({ example: 'evt_0f8e2d3c4b5a69788796a5b4c3d2e1f0' })
  id!: string;
  @ApiProperty()
  type!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
}

export class EventPageResponse {
  @ApiProperty({ type: [EventResponse] })
  data!: EventResponse[];
  @ApiProperty(NULLABLE_STRING)
  nextCursor!: string | null;
}

export class RedeliveryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  endpointId!: string;
}

export class RedeliverResponse {
  @ApiProperty({ type: [RedeliveryResponse] })
  deliveries!: RedeliveryResponse[];
}
