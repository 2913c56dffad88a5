import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OptionalNotNull } from '@app/common';
import type { CreateApiKeyInput } from '@app/customers';

export class CreateApiKeyDto implements CreateApiKeyInput {
  @ApiPropertyOptional({ example: 'production backend', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;
}
