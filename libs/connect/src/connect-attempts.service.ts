import { Injectable } from '@nestjs/common';
import { ConnectAttemptView, toAttemptView } from './connect-attempt.view';
import type { ListAttemptsInput } from './list.input';
import type { Page } from './pagination';
import { ConnectAttemptsRepository } from './repositories/connect-attempts.repository';

@Injectable()
export class ConnectAttemptsService {
  constructor(private readonly attempts: ConnectAttemptsRepository) {}

  list(customerId: string, input: ListAttemptsInput): Promise<Page<ConnectAttemptView>> {
    return this.attempts.page(customerId, input, toAttemptView);
  }
}
