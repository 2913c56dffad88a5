import { ApiProperty } from '@nestjs/swagger';
import type { WebhookEndpointView } from './webhook-endpoint.view';

const NULLABLE_STRING = { type: String, nullable: true } as const;
const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;

/** The OpenAPI description of an endpoint; it implements the view, so a field added there without its doc fails to compile. */
export class WebhookEndpointResponse implements Readonly<WebhookEndpointView> {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  url!: string;
  @ApiProperty({ type: [String] })
  events!: string[];
  @ApiProperty(NULLABLE_STRING)
  description!: string | null;
  @ApiProperty()
  enabled!: boolean;
  @ApiProperty({ ...NULLABLE_STRING, description: '`disabled_by_customer`, `gone` (the endpoint answered 410) or `failing`.' })
  disabledCode!: string | null;
  @ApiProperty(NULLABLE_STRING)
  disabledReason!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME)
  disabledAt!: string | null;
  @ApiProperty({ ...NULLABLE_DATE_TIME, description: 'The first failed attempt since the last success.' })
  failingSince!: string | null;
  @ApiProperty({ ...NULLABLE_DATE_TIME, description: 'Until when the secret before the last rotation also signs.' })
  previousSecretExpiresAt!: string | null;
  @ApiProperty(DATE_TIME)
  createdAt!: string;
  @ApiProperty(DATE_TIME)
  updatedAt!: string;
}

export class WebhookEndpointCreatedResponse extends WebhookEndpointResponse {
  @ApiProperty({ description: 'The signing secret (`whsec_`...). Shown only here and by rotate-secret: store it now.' })
  secret!: string;
}

export class WebhookEndpointListResponse {
  @ApiProperty({ type: [WebhookEndpointResponse] })
  data!: WebhookEndpointResponse[];
}

export class WebhookSecretResponse {
  @ApiProperty({ description: 'The new signing secret; the previous one also signs for 24 hours.' })
  secret!: string;
}
