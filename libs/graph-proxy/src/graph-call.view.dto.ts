import { ApiProperty } from '@nestjs/swagger';
import type { GraphCallView } from './graph-call.view';

export class GraphCallResponse implements GraphCallView {
  @ApiProperty({ format: 'date-time', description: 'When the call arrived.' })
  at!: string;
  @ApiProperty({ example: 'GET' })
  method!: string;
  @ApiProperty({ example: 'v1.0/me/messages/{id}', description: 'The Graph path template: ids, keys and the query left out.' })
  path!: string;
  @ApiProperty({ type: 'integer', description: "The status answered: Graph's, or the proxy's own refusal." })
  status!: number;
  @ApiProperty({ type: 'integer', description: 'Requests sent to Graph for this call (retries included); 0 when refused before Graph.' })
  attempts!: number;
  @ApiProperty({ type: 'integer', description: 'From arrival to the last byte answered, waits and retries included.' })
  durationMs!: number;
  @ApiProperty({ type: 'string', nullable: true, description: "Graph's request-id of the last attempt (for Microsoft support)." })
  graphRequestId!: string | null;
  @ApiProperty({ description: "Latchkey's X-Request-Id of the call." })
  requestId!: string;
}

export class GraphCallListResponse {
  @ApiProperty({ type: [GraphCallResponse], description: 'The most recent calls, newest first (at most 50).' })
  data!: GraphCallResponse[];
}
