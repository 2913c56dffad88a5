import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import type { SettingsInput } from '../settings.input';

export class PutSettingsDto implements SettingsInput {
  @ApiProperty({
    type: [String],
    maxItems: 20,
    items: { type: 'string', maxLength: 300 },
    example: ['https://app.example.com'],
    description: 'Origins allowed as connect-session returnUrl and as the postMessage target of the popup catalog. https (http only for localhost), no path.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  allowedReturnOrigins: string[];
}
