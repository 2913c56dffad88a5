import { ApiProperty } from '@nestjs/swagger';
import type { ApiKeyView, CreatedApiKeyView } from './api-key.view';
import { DATE_TIME, NULLABLE_DATE_TIME } from './openapi-formats';

/* The OpenAPI description of the API key answers. Each class implements its view, so a field added there without its @ApiProperty fails to compile. */

export class ApiKeyResponse implements ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  @ApiProperty({ description: 'The first characters of the key, to recognise it; never the key.' })
  prefix!: string;
  @ApiProperty({ enum: ['active', 'revoked'] })
  status!: 'active' | 'revoked';
  @ApiProperty(DATE_TIME)
  createdAt!: string;
  @ApiProperty(NULLABLE_DATE_TIME)
  lastUsedAt!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME)
  revokedAt!: string | null;
}

export class ApiKeyCreatedResponse extends ApiKeyResponse implements CreatedApiKeyView {
  @ApiProperty({ description: 'The secret API key (lk_sk_...), in this answer only.' })
  secret!: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse] })
  data!: ApiKeyResponse[];
}
