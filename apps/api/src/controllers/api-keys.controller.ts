import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/common';
import {
  ApiKeyCreatedResponse,
  ApiKeyListResponse,
  ApiKeyResponse,
  ApiKeysService,
  CurrentCustomer,
  CustomerAuthGuard,
  CustomerContext,
  toApiKeyView,
  toCreatedApiKeyView,
} from '@app/customers';
import { CreateApiKeyDto } from '../dto/create-api-key.dto';

@ApiTags('api keys')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'List API keys (prefix, created, last used; never the key).' })
  @ApiOkResponse({ type: ApiKeyListResponse })
  async list(@CurrentCustomer() customer: CustomerContext) {
    const keys = await this.apiKeys.list(customer.id);
    return { data: keys.map(toApiKeyView) };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a secret API key. The key is in the answer once and never again.' })
  @ApiCreatedResponse({ type: ApiKeyCreatedResponse })
  async create(@CurrentCustomer() customer: CustomerContext, @Body() dto: CreateApiKeyDto) {
    return toCreatedApiKeyView(await this.apiKeys.create(customer.id, { name: dto.name?.trim() ?? null }));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key. It is refused from the next request on.' })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The revoked key.' })
  async revoke(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('API key')) id: string) {
    return toApiKeyView(await this.apiKeys.revoke(customer.id, id));
  }
}
