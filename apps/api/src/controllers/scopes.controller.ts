import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OUTLOOK_EMAIL_SCOPES, ScopeListResponse } from '@app/connectors';

@ApiTags('connectors')
@Controller('v1/scopes')
export class ScopesController {
  @Get('outlook-email')
  @ApiOperation({ summary: 'The delegated Microsoft Graph permissions an Outlook Email connector can request.' })
  @ApiOkResponse({ type: ScopeListResponse })
  outlookEmail() {
    return { data: OUTLOOK_EMAIL_SCOPES };
  }
}
