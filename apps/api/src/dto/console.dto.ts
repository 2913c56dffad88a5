import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import type { AcceptInviteInput, SignInInput } from '@app/customers';

export class SignInDto implements SignInInput {
  @ApiProperty({ example: 'admin@acme.example', format: 'email', maxLength: 320 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ format: 'password', minLength: 1, maxLength: 256 })
  @IsString()
  @Length(1, 256)
  password: string;
}

export class AcceptInviteDto implements Pick<AcceptInviteInput, 'password'> {
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256, description: 'At least 12 characters; a passphrase is best.' })
  @IsString()
  @Length(1, 256)
  password: string;
}

/** Invite tokens travel in the body (and in the link's #fragment), never in a URL a server or proxy would log. */
export class InviteTokenDto {
  @ApiProperty({ example: 'lk_inv_…', description: 'The token from the invite link (after #token=).' })
  @IsString()
  @Length(1, 128)
  token: string;
}

export class AcceptInviteWithTokenDto extends AcceptInviteDto implements AcceptInviteInput {
  @ApiProperty({ example: 'lk_inv_…', description: 'The token from the invite link (after #token=).' })
  @IsString()
  @Length(1, 128)
  token: string;
}
