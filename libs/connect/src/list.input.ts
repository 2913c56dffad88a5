import type { ConnectAttemptStatus, ConnectionStatus } from '@app/database';

/** One page of a list: how many, after which cursor, for whom, matching what (the HTTP query DTOs implement these). */
export interface PageInput {
  limit?: number;
  cursor?: string;
  endUserId?: string;
  search?: string;
}

export interface ListConnectionsInput extends PageInput {
  status?: ConnectionStatus;
}

export interface ListAttemptsInput extends PageInput {
  status?: ConnectAttemptStatus;
}
