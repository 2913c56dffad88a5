import { Controller, Delete, Get, HttpCode, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/common';
import {
  ConnectAttemptPageResponse,
  ConnectAttemptsService,
  ConnectionEventListResponse,
  ConnectionPageResponse,
  ConnectionsService,
  ListAttemptsQueryDto,
  ListConnectionsQueryDto,
  toConnectionView,
} from '@app/connect';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';
import { ConnectionDetailResponse, ConnectionDetailView, MailNotificationsStatusService } from '@app/mail-notifications';

@ApiTags('connections')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly attempts: ConnectAttemptsService,
    private readonly mailNotifications: MailNotificationsStatusService,
  ) {}

  @Get('connections')
  @ApiOperation({ summary: 'Connections, newest first, filtered by end user and status. Metadata only: tokens come from the token endpoint.' })
  @ApiOkResponse({ type: ConnectionPageResponse })
  list(@CurrentCustomer() customer: CustomerContext, @Query() query: ListConnectionsQueryDto) {
    return this.connections.list(customer.id, query);
  }

  @Get('connections/:id')
  @ApiOperation({ summary: 'One connection: metadata only, never a token; with the state of its mail subscription.' })
  @ApiOkResponse({ type: ConnectionDetailResponse })
  async get(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('Connection')) id: string): Promise<ConnectionDetailView> {
    const connection = await this.connections.get(customer.id, id);
    return { ...toConnectionView(connection), mailNotifications: await this.mailNotifications.forConnection(customer.id, id, connection.status) };
  }

  @Get('connections/:id/events')
  @ApiOperation({ summary: 'Status history of a connection, newest first: connected, needs re-authorisation (with the reason), recovered.' })
  @ApiOkResponse({ type: ConnectionEventListResponse })
  events(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('Connection')) id: string) {
    return this.connections.events(customer.id, id);
  }

  @Delete('connections/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disconnect: the connection and its tokens are deleted at once.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  async delete(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('Connection')) id: string) {
    await this.connections.delete(customer.id, id);
  }

  @Get('connect-attempts')
  @ApiOperation({ summary: 'Every connect attempt with its outcome and, for failures, the Microsoft error explained.' })
  @ApiOkResponse({ type: ConnectAttemptPageResponse })
  attemptsList(@CurrentCustomer() customer: CustomerContext, @Query() query: ListAttemptsQueryDto) {
    return this.attempts.list(customer.id, query);
  }
}
