import { ApiProperty } from '@nestjs/swagger';
import type { Invite, InviteDescription } from './invite.view';
import { DATE_TIME } from './openapi-formats';

/* The OpenAPI description of invites. Each class implements its view, so a field added there without its @ApiProperty fails to compile. */

export class InviteResponse implements Invite {
  @ApiProperty({ format: 'email' })
  email!: string;
  @ApiProperty({ format: 'uri', description: 'The one-time console invite link, shown only this once.' })
  url!: string;
  @ApiProperty(DATE_TIME)
  expiresAt!: string;
}

export class InviteDescriptionResponse implements InviteDescription {
  @ApiProperty({ format: 'email' })
  email!: string;
  @ApiProperty()
  customerName!: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
