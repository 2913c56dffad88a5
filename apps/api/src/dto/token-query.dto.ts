import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class TokenQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 3000,
    default: 300,
    description: 'Seconds the returned token must stay valid. A stored token with less left is refreshed first.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3000)
  minValidity?: number;
}
