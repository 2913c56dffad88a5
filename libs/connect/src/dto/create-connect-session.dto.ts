import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsNotEmptyObject, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { OptionalNotNull } from '@app/common';
import type { ConnectSessionInput } from '../connect-session.input';

export class EndUserDto implements Readonly<ConnectSessionInput['endUser']> {
  @ApiProperty({ description: "Your own id for your user. Connections are listed and fetched by it.", example: 'user_42', minLength: 1, maxLength: 255 })
  @IsString()
  @Length(1, 255)
  id: string;

  @ApiPropertyOptional({ example: 'jane@contoso.com', format: 'email', maxLength: 320, description: 'Shown in the catalog and passed to Microsoft as a login hint.' })
  @OptionalNotNull()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: 'Jane Doe', minLength: 1, maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  displayName?: string;
}

export class CreateConnectSessionDto implements ConnectSessionInput {
  @ApiProperty({ type: EndUserDto })
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => EndUserDto)
  endUser: EndUserDto;

  @ApiPropertyOptional({
    description: 'Where the catalog sends the end user back when done. Its origin must be in your allowedReturnOrigins (PUT /v1/settings).',
    example: 'https://app.example.com/settings/integrations',
    maxLength: 2048,
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2048)
  returnUrl?: string;
}
