import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OUTLOOK_EMAIL_SCOPES } from '@app/connectors';

@ApiTags('connectors')
@Controller('v1/scopes')
export class ScopesController {
  @Get('outlook-email')
  @ApiOperation({ summary: 'The delegated Microsoft Graph permissions an Outlook Email connector can request.' })
  outlookEmail() {
    return { data: OUTLOOK_EMAIL_SCOPES };
  }
}
