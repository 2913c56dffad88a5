import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PutSettingsDto, SettingsResponse, SettingsService } from '@app/connect';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';

@ApiTags('settings')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The allowed return origins.' })
  @ApiOkResponse({ type: SettingsResponse })
  get(@CurrentCustomer() customer: CustomerContext) {
    return this.settings.get(customer.id);
  }

  @Put()
  @ApiOperation({ summary: 'Replace the allowed return origins (connect-session returnUrl and popup postMessage targets).' })
  @ApiOkResponse({ type: SettingsResponse })
  put(@CurrentCustomer() customer: CustomerContext, @Body() dto: PutSettingsDto) {
    return this.settings.put(customer.id, dto);
  }
}
