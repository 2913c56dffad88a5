import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/common';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';
import {
  CreateWebhookEndpointDto,
  ListWebhookAttemptsQueryDto,
  WebhookActivityService,
  WebhookAttemptPageResponse,
  WebhookTestResponse,
  toWebhookEndpointView,
  UpdateWebhookEndpointDto,
  WebhookEndpointCreatedResponse,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
  WebhookEndpointsService,
  WebhookSecretResponse,
} from '@app/webhooks';

const ID = new UuidParamPipe('Webhook endpoint');

@ApiTags('webhooks')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly activity: WebhookActivityService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add a webhook endpoint. The answer carries its signing secret, shown only this once.' })
  @ApiCreatedResponse({ type: WebhookEndpointCreatedResponse })
  async create(@CurrentCustomer() customer: CustomerContext, @Body() body: CreateWebhookEndpointDto) {
    const { endpoint, secret } = await this.endpoints.create(customer.id, body);
    return { ...toWebhookEndpointView(endpoint), secret };
  }

  @Get()
  @ApiOperation({ summary: 'Your webhook endpoints, newest first (never their secrets).' })
  @ApiOkResponse({ type: WebhookEndpointListResponse })
  async list(@CurrentCustomer() customer: CustomerContext) {
    return { data: (await this.endpoints.list(customer.id)).map(toWebhookEndpointView) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint, with why it is disabled when it is.' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  async get(@CurrentCustomer() customer: CustomerContext, @Param('id', ID) id: string) {
    return toWebhookEndpointView(await this.endpoints.get(customer.id, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, events, description, or enable/disable it (enabling clears a disabling).' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  async update(@CurrentCustomer() customer: CustomerContext, @Param('id', ID) id: string, @Body() body: UpdateWebhookEndpointDto) {
    return toWebhookEndpointView(await this.endpoints.update(customer.id, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the endpoint: nothing more is sent to it.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  async delete(@CurrentCustomer() customer: CustomerContext, @Param('id', ID) id: string) {
    await this.endpoints.delete(customer.id, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret (shown once); the previous one keeps signing for 24 hours.' })
  @ApiOkResponse({ type: WebhookSecretResponse })
  async rotate(@CurrentCustomer() customer: CustomerContext, @Param('id', ID) id: string) {
    return { secret: await this.endpoints.rotateSecret(customer.id, id) };
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a webhook.test event now and answer how the endpoint responded.' })
  @ApiOkResponse({ type: WebhookTestResponse })
  test(@CurrentCustomer() customer: CustomerContext, @Param('id', ID) id: string) {
    return this.activity.test(customer.id, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The endpoint's delivery log: every attempt, newest first." })
  @ApiOkResponse({ type: WebhookAttemptPageResponse })
  deliveries(@CurrentCustomer() customer: CustomerContext, @Param('id', ID) id: string, @Query() query: ListWebhookAttemptsQueryDto) {
    return this.activity.attempts(customer.id, id, query);
  }
}
