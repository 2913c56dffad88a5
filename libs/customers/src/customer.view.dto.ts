import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ApiKeyCreatedResponse } from './api-key.view.dto';
import type { CustomerCreatedView, CustomerView } from './customer.view';
import { InviteResponse } from './invite.view.dto';
import { DATE_TIME } from './openapi-formats';

/* The OpenAPI description of the customer answers. Each class implements its view, so a field added there without its @ApiProperty fails to compile. */

class CustomerResponse implements CustomerView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  slug!: string;
  @ApiProperty(DATE_TIME)
  createdAt!: string;
}

export class CustomerCreatedResponse extends CustomerResponse implements CustomerCreatedView {
  @ApiProperty({ type: ApiKeyCreatedResponse })
  apiKey!: ApiKeyCreatedResponse;
  // OpenAPI 3.0 cannot make a $ref nullable (nullable beside allOf still demands an object): null is its own branch.
  @ApiProperty({
    description: 'The first console invite, with adminEmail; otherwise null.',
    oneOf: [{ $ref: getSchemaPath(InviteResponse) }, { type: 'object', nullable: true, enum: [null] }],
  })
  invite!: InviteResponse | null;
}
