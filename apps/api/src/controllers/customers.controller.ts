import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/common';
import { CustomersService, MembersService, OperatorAuthGuard } from '@app/customers';
import { CreateCustomerDto, InviteMemberDto } from '../dto/create-customer.dto';
import { presentApiKey, presentCustomer } from './presenters';

@ApiTags('operator')
@ApiBearerAuth('operator')
@UseGuards(OperatorAuthGuard)
@Controller('v1/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly members: MembersService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a platform customer. The answer holds its first secret API key and, with adminEmail, a console invite link, shown only this once.',
  })
  async create(@Body() dto: CreateCustomerDto) {
    const { customer, apiKey, invite } = await this.customers.create({ name: dto.name.trim(), slug: dto.slug, adminEmail: dto.adminEmail });
    return { ...presentCustomer(customer), apiKey: { ...presentApiKey(apiKey.entity), secret: apiKey.secret }, invite };
  }

  @Post(':customerId/invites')
  @HttpCode(201)
  @ApiOperation({ summary: "Invite a person to a customer's admin console (or send a member a new link to reset the password). Shown once." })
  async invite(@Param('customerId', new UuidParamPipe('Customer')) customerId: string, @Body() dto: InviteMemberDto) {
    await this.customers.get(customerId);
    return this.members.invite(customerId, dto.email);
  }
}
