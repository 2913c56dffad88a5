import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';
import { toEventEnvelope } from '@app/events';
import { EventPageResponse, EventResponse, ListEventsQueryDto, RedeliverEventDto, RedeliverResponse, WebhookActivityService } from '@app/webhooks';

@ApiTags('webhooks')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1/events')
export class EventsController {
  constructor(private readonly activity: WebhookActivityService) {}

  @Get()
  @ApiOperation({ summary: 'Your events, newest first (kept EVENT_RETENTION_DAYS), filtered by type and connection.' })
  @ApiOkResponse({ type: EventPageResponse })
  list(@CurrentCustomer() customer: CustomerContext, @Query() query: ListEventsQueryDto) {
    return this.activity.listEvents(customer.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event, as a webhook carries it.' })
  @ApiOkResponse({ type: EventResponse })
  async get(@CurrentCustomer() customer: CustomerContext, @Param('id') id: string) {
    return toEventEnvelope(await this.activity.getEvent(customer.id, id));
  }

  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the event again: to one endpoint, or to every enabled endpoint subscribed to its type.' })
  @ApiAcceptedResponse({ type: RedeliverResponse })
  async redeliver(@CurrentCustomer() customer: CustomerContext, @Param('id') id: string, @Body() body: RedeliverEventDto) {
    return { deliveries: await this.activity.redeliver(customer.id, id, body.endpointId) };
  }
}
