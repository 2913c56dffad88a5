import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { ConnectAttemptStatus, ConnectionStatus } from '@app/database';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import type { ListAttemptsInput, ListConnectionsInput, PageInput } from '../list.input';

class PageQueryDto implements PageInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only this end user (your id for them)', minLength: 1, maxLength: 255 })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  endUserId?: string;

  @ApiPropertyOptional({ description: "Case-insensitive substring of the end user's id (or email), or of the Microsoft account", minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  search?: string;
}

export class ListConnectionsQueryDto extends PageQueryDto implements ListConnectionsInput {
  @ApiPropertyOptional({ enum: ['active', 'needs_reauth', 'tenant_blocked', 'error'] })
  @IsOptional()
  @IsIn(['active', 'needs_reauth', 'tenant_blocked', 'error'])
  status?: ConnectionStatus;
}

export class ListAttemptsQueryDto extends PageQueryDto implements ListAttemptsInput {
  @ApiPropertyOptional({ enum: ['pending', 'connected', 'failed', 'declined', 'abandoned'] })
  @IsOptional()
  @IsIn(['pending', 'connected', 'failed', 'declined', 'abandoned'])
  status?: ConnectAttemptStatus;
}
