import type { ConnectAttemptEntity } from '@app/database';

/** What the API shows of a connect attempt: its outcome and, for a failure, the Microsoft error explained. */
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

export type ConnectAttemptView = ReturnType<typeof toAttemptView>;
