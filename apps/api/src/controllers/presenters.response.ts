import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { Invite } from '@app/customers';
import type { presentMember } from './customers.controller';
import type { presentApiKey, presentCustomer } from './presenters';

/*
 * The OpenAPI description of the API key, customer and member answers. Each class implements what its presenter
 * returns, so a field added there without its @ApiProperty fails to compile.
 */

const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;

export class ApiKeyResponse implements ReturnType<typeof presentApiKey> {
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

export class ApiKeyCreatedResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The secret API key (lk_sk_...), in this answer only.' })
  secret!: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse] })
  data!: ApiKeyResponse[];
}

export class InviteResponse implements Invite {
  @ApiProperty({ format: 'email' })
  email!: string;
  @ApiProperty({ format: 'uri', description: 'The one-time console invite link, shown only this once.' })
  url!: string;
  @ApiProperty(DATE_TIME)
  expiresAt!: string;
}

export class CustomerResponse implements ReturnType<typeof presentCustomer> {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  slug!: string;
  @ApiProperty(DATE_TIME)
  createdAt!: string;
}

export class CustomerCreatedResponse extends CustomerResponse {
  @ApiProperty({ type: ApiKeyCreatedResponse })
  apiKey!: ApiKeyCreatedResponse;
  // OpenAPI 3.0 cannot make a $ref nullable (nullable beside allOf still demands an object): null is its own branch.
  @ApiProperty({
    description: 'The first console invite, with adminEmail; otherwise null.',
    oneOf: [{ $ref: getSchemaPath(InviteResponse) }, { type: 'object', nullable: true, enum: [null] }],
  })
  invite!: InviteResponse | null;
}

export class MemberResponse implements ReturnType<typeof presentMember> {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'email' })
  email!: string;
  @ApiProperty({ enum: ['active', 'invited'] })
  status!: 'active' | 'invited';
  @ApiProperty({ ...NULLABLE_DATE_TIME, description: 'Set while wrong passwords keep the member locked out.' })
  lockedUntil!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME)
  lastSignInAt!: string | null;
  @ApiProperty(DATE_TIME)
  createdAt!: string;
}

export class MemberListResponse {
  @ApiProperty({ type: [MemberResponse] })
  data!: MemberResponse[];
}
