import { ApiProperty } from '@nestjs/swagger';
import type { TokenAnswer } from './token-answer.view';

/** The OpenAPI description of the token endpoints' answer; implements TokenAnswer so the two cannot drift. */
export class TokenAccountResponse implements Readonly<TokenAnswer['account']> {
  @ApiProperty({ type: String, nullable: true })
  label!: string | null;
  @ApiProperty()
  tenantId!: string;
  @ApiProperty()
  objectId!: string;
}

export class TokenAnswerResponse implements TokenAnswer {
  @ApiProperty({ description: 'A Microsoft Graph access token. Never logged; do not cache it past expiresAt.' })
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until expiresAt, at least minValidity.' })
  expiresIn!: number;
  @ApiProperty({ type: [String] })
  scopes!: string[];
  @ApiProperty({ format: 'uuid' })
  connectionId!: string;
  @ApiProperty()
  endUserId!: string;
  @ApiProperty({ type: TokenAccountResponse })
  account!: TokenAccountResponse;
}
