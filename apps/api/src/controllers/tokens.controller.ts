import { Controller, Get, Header, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/common';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';
import { TokenAnswerResponse, TokenService } from '@app/tokens';
import { TokenQueryDto } from '../dto/token-query.dto';

const DESCRIPTION =
  'A Microsoft Graph access token valid for at least minValidity seconds (default 300). Answers 409 CONNECTION_NEEDS_REAUTH ' +
  'when the end user must reconnect, 409 CONNECTOR_MISCONFIGURED when Microsoft refuses your app, and 503 MICROSOFT_UNAVAILABLE ' +
  '(with Retry-After) when Microsoft is down and the stored token is no longer valid. Never an expired token.';

@ApiTags('tokens')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Get('connections/:id/token')
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({ summary: 'Fresh access token of a connection', description: DESCRIPTION })
  @ApiOkResponse({ type: TokenAnswerResponse })
  byConnection(
    @CurrentCustomer() customer: CustomerContext,
    @Param('id', new UuidParamPipe('Connection')) id: string,
    @Query() query: TokenQueryDto,
  ) {
    return this.tokens.forConnection(customer.id, id, query.minValidity);
  }

  @Get('end-users/:endUserId/connections/outlook-email/token')
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({ summary: "Fresh access token of an end user's Outlook Email connection (by your id for the user)", description: DESCRIPTION })
  @ApiOkResponse({ type: TokenAnswerResponse })
  byEndUser(@CurrentCustomer() customer: CustomerContext, @Param('endUserId') endUserId: string, @Query() query: TokenQueryDto) {
    return this.tokens.forEndUser(customer.id, endUserId, query.minValidity);
  }
}
