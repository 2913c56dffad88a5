import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'production backend' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}
