import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/common';
import {
  CustomerCreatedResponse,
  CustomersService,
  InviteResponse,
  MemberListResponse,
  MembersService,
  OperatorAuthGuard,
  toCustomerCreatedView,
  toMemberView,
} from '@app/customers';
import { CreateCustomerDto, InviteMemberDto } from '../dto/create-customer.dto';

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
  @ApiCreatedResponse({ type: CustomerCreatedResponse })
  async create(@Body() dto: CreateCustomerDto) {
    return toCustomerCreatedView(await this.customers.create({ name: dto.name.trim(), slug: dto.slug, adminEmail: dto.adminEmail }));
  }

  @Post(':customerId/invites')
  @HttpCode(201)
  @ApiOperation({ summary: "Invite a person to a customer's admin console (or send a member a new link to reset the password). Shown once." })
  @ApiCreatedResponse({ type: InviteResponse })
  async invite(@Param('customerId', new UuidParamPipe('Customer')) customerId: string, @Body() dto: InviteMemberDto) {
    await this.customers.get(customerId);
    return this.members.invite(customerId, dto.email);
  }

  @Get(':customerId/members')
  @ApiOperation({ summary: "A customer's console members: pending (invited) or active, with their last sign-in." })
  @ApiOkResponse({ type: MemberListResponse })
  async listMembers(@Param('customerId', new UuidParamPipe('Customer')) customerId: string) {
    await this.customers.get(customerId);
    return { data: (await this.members.list(customerId)).map(toMemberView) };
  }

  @Delete(':customerId/members/:memberId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a console member: their sessions end at once and any invite link stops working.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  async removeMember(
    @Param('customerId', new UuidParamPipe('Customer')) customerId: string,
    @Param('memberId', new UuidParamPipe('Member')) memberId: string,
  ) {
    await this.customers.get(customerId);
    await this.members.remove(customerId, memberId);
  }
}

