import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConnectorsService, ConnectorViewResponse, PutOutlookEmailConnectorDto } from '@app/connectors';
import { CurrentCustomer, CustomerAuthGuard, CustomerContext } from '@app/customers';
import { CredentialCheckService } from '@app/tokens';

@ApiTags('connectors')
@ApiBearerAuth('apiKey')
@UseGuards(CustomerAuthGuard)
@Controller('v1/connectors/outlook-email')
export class ConnectorsController {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly credentialChecks: CredentialCheckService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The Outlook Email connector, with the exact callback URL to register in Azure. Before the first save it shows the defaults (configured: false).',
  })
  @ApiOkResponse({ type: ConnectorViewResponse })
  get(@CurrentCustomer() customer: CustomerContext) {
    return this.connectors.view(customer.id, customer.slug);
  }

  @Put()
  @ApiOperation({
    summary:
      'Create or update the connector. Fields left out keep their value; the client secret changes only when sent. offline_access is always added. A connector flagged misconfigured is re-checked against Microsoft (credentialCheck) before refreshes resume.',
  })
  @ApiOkResponse({ type: ConnectorViewResponse })
  async put(@CurrentCustomer() customer: CustomerContext, @Body() dto: PutOutlookEmailConnectorDto) {
    const saved = await this.connectors.put(customer.id, customer.slug, dto);
    const credentialCheck = await this.credentialChecks.recheckCredentials(customer.id);
    return credentialCheck ? { ...(await this.connectors.view(customer.id, customer.slug)), credentialCheck } : saved;
  }
}
