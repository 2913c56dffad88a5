import { ApiProperty } from '@nestjs/swagger';
import type { MembersService } from '@app/customers';

/** The OpenAPI description of the console sign-in answers. */

export class ConsoleMemberResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'email' })
  email!: string;
}

export class ConsoleCustomerResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  slug!: string;
}

export class ConsoleSignedInResponse {
  @ApiProperty({ type: Boolean, enum: [true] })
  signedIn!: true;
  @ApiProperty({ type: ConsoleMemberResponse })
  member!: ConsoleMemberResponse;
  @ApiProperty({ type: ConsoleCustomerResponse })
  customer!: ConsoleCustomerResponse;
  @ApiProperty({ description: 'Send it in X-CSRF-Token on state-changing requests.' })
  csrfToken!: string;
}

export class ConsoleSignedOutResponse {
  @ApiProperty({ type: Boolean, enum: [false] })
  signedIn!: false;
}

export class InviteDescriptionResponse implements Awaited<ReturnType<MembersService['describeInvite']>> {
  @ApiProperty({ format: 'email' })
  email!: string;
  @ApiProperty()
  customerName!: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
