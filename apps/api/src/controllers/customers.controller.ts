import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersService, OperatorAuthGuard } from '@app/customers';
import { CreateCustomerDto } from '../dto/create-customer.dto';
import { presentApiKey, presentCustomer } from './presenters';

@ApiTags('operator')
@ApiBearerAuth('operator')
@UseGuards(OperatorAuthGuard)
@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a platform customer. The answer holds its first secret API key, shown only this once.' })
  async create(@Body() dto: CreateCustomerDto) {
    const { customer, apiKey } = await this.customers.create({ name: dto.name.trim(), slug: dto.slug });
    return { ...presentCustomer(customer), apiKey: { ...presentApiKey(apiKey.entity), secret: apiKey.secret } };
  }
}
