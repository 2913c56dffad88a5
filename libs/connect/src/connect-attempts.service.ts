import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConnectAttemptEntity, ConnectAttemptStatus } from '@app/database';
import { ListAttemptsQueryDto } from './dto/list-query.dto';
import { Page, paginate, whereContains } from './pagination';

export interface AttemptOutcome {
  status: Exclude<ConnectAttemptStatus, 'pending'>;
  error?: string | null;
  errorCode?: string | null;
  explanation?: string | null;
  connectionId?: string | null;
  accountLabel?: string | null;
}

export function toAttemptView(a: ConnectAttemptEntity) {
  return {
    id: a.id,
    connector: 'outlook-email' as const,
    endUserId: a.endUserId,
    status: a.status,
    error: a.error,
    errorCode: a.errorCode,
    explanation: a.explanation,
    connectionId: a.connectionId,
    accountLabel: a.accountLabel,
    createdAt: a.createdAt.toISOString(),
    completedAt: a.completedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ConnectAttemptsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Completes a pending attempt once; a second completion (a replayed callback) changes nothing. */
  async complete(customerId: string, attemptId: string, outcome: AttemptOutcome, em: EntityManager = this.db.manager): Promise<void> {
    await em
      .createQueryBuilder()
      .update(ConnectAttemptEntity)
      .set({
        status: outcome.status,
        error: outcome.error ?? null,
        errorCode: outcome.errorCode ?? null,
        explanation: outcome.explanation ?? null,
        connectionId: outcome.connectionId ?? null,
        accountLabel: outcome.accountLabel ?? null,
        completedAt: () => 'now()',
      })
      .where('id = :attemptId AND customer_id = :customerId AND status = :pending', { attemptId, customerId, pending: 'pending' })
      .execute();
  }

  async list(customerId: string, query: ListAttemptsQueryDto): Promise<Page<ReturnType<typeof toAttemptView>>> {
    const qb = this.db.getRepository(ConnectAttemptEntity).createQueryBuilder('a').where('a.customer_id = :customerId', { customerId });
    if (query.endUserId !== undefined) qb.andWhere('a.end_user_id = :endUserId', { endUserId: query.endUserId });
    if (query.status !== undefined) qb.andWhere('a.status = :status', { status: query.status });
    whereContains(qb, ['a.end_user_id', 'a.account_label'], query.search);
    return paginate(qb, 'a', query, toAttemptView);
  }
}
