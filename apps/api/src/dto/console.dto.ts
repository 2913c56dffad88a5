import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'admin@acme.example', format: 'email', maxLength: 320 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ format: 'password', minLength: 1, maxLength: 256 })
  @IsString()
  @Length(1, 256)
  password: string;
}

export class AcceptInviteDto {
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256, description: 'At least 12 characters; a passphrase is best.' })
  @IsString()
  @Length(1, 256)
  password: string;
}
