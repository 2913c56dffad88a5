import { Controller, Delete, Get, HttpCode, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/common';
import { ConnectAttemptsService, ConnectionsService, ListAttemptsQueryDto, ListConnectionsQueryDto, toConnectionView } from '@app/connect';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';

@ApiTags('connections')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly attempts: ConnectAttemptsService,
  ) {}

  @Get('connections')
  @ApiOperation({ summary: 'Connections, newest first, filtered by end user and status. Metadata only: tokens come from the token endpoint.' })
  list(@CurrentCustomer() customer: CustomerContext, @Query() query: ListConnectionsQueryDto) {
    return this.connections.list(customer.id, query);
  }

  @Get('connections/:id')
  async get(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('Connection')) id: string) {
    return toConnectionView(await this.connections.get(customer.id, id));
  }

  @Get('connections/:id/events')
  @ApiOperation({ summary: 'Status history of a connection, newest first: connected, needs re-authorisation (with the reason), recovered.' })
  events(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('Connection')) id: string) {
    return this.connections.events(customer.id, id);
  }

  @Delete('connections/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disconnect: the connection and its tokens are deleted at once.' })
  async delete(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('Connection')) id: string) {
    await this.connections.delete(customer.id, id);
  }

  @Get('connect-attempts')
  @ApiOperation({ summary: 'Every connect attempt with its outcome and, for failures, the Microsoft error explained.' })
  attemptsList(@CurrentCustomer() customer: CustomerContext, @Query() query: ListAttemptsQueryDto) {
    return this.attempts.list(customer.id, query);
  }
}
