import { ApiProperty } from '@nestjs/swagger';
import type { ConsoleCustomerView, ConsoleMemberView, ConsoleSignedInView, ConsoleSignedOutView } from './console-session.view';

/* The OpenAPI description of the console sign-in answers. Each class implements its view, so a field added there without its @ApiProperty fails to compile. */

export class ConsoleMemberResponse implements ConsoleMemberView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'email' })
  email!: string;
}

export class ConsoleCustomerResponse implements ConsoleCustomerView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  slug!: string;
}

export class ConsoleSignedInResponse implements ConsoleSignedInView {
  @ApiProperty({ type: Boolean, enum: [true] })
  signedIn!: true;
  @ApiProperty({ type: ConsoleMemberResponse })
  member!: ConsoleMemberResponse;
  @ApiProperty({ type: ConsoleCustomerResponse })
  customer!: ConsoleCustomerResponse;
  @ApiProperty({ description: 'Send it in X-CSRF-Token on state-changing requests.' })
  csrfToken!: string;
}

export class ConsoleSignedOutResponse implements ConsoleSignedOutView {
  @ApiProperty({ type: Boolean, enum: [false] })
  signedIn!: false;
}
