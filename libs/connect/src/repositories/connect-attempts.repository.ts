import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConnectAttemptEntity, ConnectAttemptStatus, TenantRepository } from '@app/database';
import type { ListAttemptsInput } from '../list.input';
import { Page, paginate, whereContains } from '../pagination';

interface AttemptOutcome {
  status: Exclude<ConnectAttemptStatus, 'pending'>;
  error?: string | null;
  errorCode?: string | null;
  explanation?: string | null;
  connectionId?: string | null;
  accountLabel?: string | null;
}

@Injectable()
export class ConnectAttemptsRepository extends TenantRepository<ConnectAttemptEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, ConnectAttemptEntity);
  }

  /** Completes a pending attempt; one already completed (a replayed callback) is left as it is. */
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

  /** One page of the customer's attempts, newest first, each shaped by `map`. */
  page<V>(customerId: string, input: ListAttemptsInput, map: (a: ConnectAttemptEntity) => V): Promise<Page<V>> {
    const qb = this.select(customerId, 'a');
    if (input.endUserId !== undefined) qb.andWhere('a.end_user_id = :endUserId', { endUserId: input.endUserId });
    if (input.status !== undefined) qb.andWhere('a.status = :status', { status: input.status });
    whereContains(qb, ['a.end_user_id', 'a.account_label'], input.search);
    return paginate(qb, 'a', input, map);
  }
}
