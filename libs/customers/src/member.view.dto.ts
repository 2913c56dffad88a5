import { ApiProperty } from '@nestjs/swagger';
import type { MemberView } from './member.view';
import { DATE_TIME, NULLABLE_DATE_TIME } from './openapi-formats';

/* The OpenAPI description of console members. Each class implements its view, so a field added there without its @ApiProperty fails to compile. */

export class MemberResponse implements MemberView {
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
