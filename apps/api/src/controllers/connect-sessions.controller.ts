import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConnectSessionCreatedResponse, ConnectSessionsService, CreateConnectSessionDto } from '@app/connect';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';

@ApiTags('connect')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1/connect-sessions')
export class ConnectSessionsController {
  constructor(private readonly sessions: ConnectSessionsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Open the hosted catalog for one of your users. Answers a single-purpose token (30 minutes) and the catalog URL; open it as a page or a popup.',
  })
  @ApiCreatedResponse({ type: ConnectSessionCreatedResponse })
  create(@CurrentCustomer() customer: CustomerContext, @Body() dto: CreateConnectSessionDto) {
    return this.sessions.create(customer.id, dto);
  }
}
