import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateCustomerDto {
  @ApiProperty({ example: 'Acme Inc.' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({
    example: 'acme',
    description: 'Lowercase letters, digits and dashes, 3-40 characters. Part of the callback URL; derived from the name when absent.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, {
    message: 'slug must be 3-40 lowercase letters, digits or dashes, starting and ending with a letter or digit',
  })
  slug?: string;
}
