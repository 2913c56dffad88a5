import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { OptionalNotNull } from '@app/common';

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'production backend', minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;
}
