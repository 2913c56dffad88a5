import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@app/common';
import type { CreateCustomerInput } from '@app/customers';

export class CreateCustomerDto implements CreateCustomerInput {
  @ApiProperty({ example: 'Acme Inc.', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({
    example: 'acme',
    pattern: '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$',
    description: 'Lowercase letters, digits and dashes, 3-40 characters. Part of the callback URL; derived from the name when absent.',
  })
  @OptionalNotNull()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, {
    message: 'slug must be 3-40 lowercase letters, digits or dashes, starting and ending with a letter or digit',
  })
  slug?: string;

  @ApiPropertyOptional({
    example: 'admin@acme.example',
    format: 'email',
    maxLength: 320,
    description: "The customer's first admin console member. The answer holds a one-time invite link (7 days) to set a password.",
  })
  @OptionalNotNull()
  @IsEmail()
  @MaxLength(320)
  adminEmail?: string;
}

export class InviteMemberDto {
  @ApiProperty({ example: 'jane@acme.example', format: 'email', maxLength: 320, description: 'A new member, or an existing one of this customer (a new link doubles as a password reset).' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}
