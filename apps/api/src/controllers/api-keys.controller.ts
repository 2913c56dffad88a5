import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/common';
import { ApiKeysService, CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';
import { CreateApiKeyDto } from '../dto/create-api-key.dto';
import { presentApiKey } from './presenters';
import { ApiKeyCreatedResponse, ApiKeyListResponse, ApiKeyResponse } from './presenters.response';

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
    return { data: keys.map(presentApiKey) };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a secret API key. The key is in the answer once and never again.' })
  @ApiCreatedResponse({ type: ApiKeyCreatedResponse })
  async create(@CurrentCustomer() customer: CustomerContext, @Body() dto: CreateApiKeyDto) {
    const created = await this.apiKeys.create(customer.id, { name: dto.name?.trim() ?? null });
    return { ...presentApiKey(created.entity), secret: created.secret };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key. It is refused from the next request on.' })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The revoked key.' })
  async revoke(@CurrentCustomer() customer: CustomerContext, @Param('id', new UuidParamPipe('API key')) id: string) {
    return presentApiKey(await this.apiKeys.revoke(customer.id, id));
  }
}
