import { All, Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, UuidParamPipe } from '@app/common';
import { ConnectionsService } from '@app/connect';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';
import { GraphCallListResponse, GraphCallsLog } from '@app/graph-proxy';

/**
 * The Graph proxy's recent calls, and its refusals. The proxy itself is answered before Express (installGraphProxy):
 * only requests without a valid API key reach the route here, so the guard explains them like on every other route.
 */
@ApiTags('graph proxy')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1')
export class GraphProxyController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly calls: GraphCallsLog,
  ) {}

  @Get('connections/:id/graph-calls')
  @ApiOperation({ summary: 'The most recent Graph proxy calls of a connection, newest first: method, path template, status, attempts, duration, request ids. Never a body.' })
  @ApiOkResponse({ type: GraphCallListResponse })
  async recent(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('Connection')) id: string): Promise<GraphCallListResponse> {
    await this.connections.get(customer.id, id);
    return { data: await this.calls.list(customer.id, id) };
  }

  @All('connections/:id/graph/*path')
  @ApiExcludeEndpoint()
  consoleSession(@Param('id', new UuidParamPipe('Connection')) _id: string): never {
    throw new DomainError('FORBIDDEN', 'Call the Graph proxy with your secret API key ("Authorization: Bearer lk_sk_..."), not a console session.');
  }
}
