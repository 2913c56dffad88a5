/** What one HTTP attempt produced (see WebhookSender). */
export interface AttemptResult {
  status: 'succeeded' | 'failed';
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
}

export interface FinishInput {
  customerId: string;
  deliveryId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  result: AttemptResult;
  /** What the retry policy decided; a disabling failure turns `pending` into `failed`. */
  deliveryStatus: 'succeeded' | 'pending' | 'failed';
  nextAttemptAt: Date | null;
  /** The endpoint as claimed: its URL (for the 410 reason) and when it started failing. */
  endpoint: { url: string; failingSince: Date | null };
}

export interface Disabling {
  code: 'gone' | 'failing';
  reason: string;
}

/** Whether this attempt disables the endpoint: a 410 at once, or every attempt failing for longer than allowed. */
export function disablingFor(input: FinishInput, disableAfterFailingHours: number, now: Date): Disabling | null {
  if (input.result.status === 'succeeded') return null;
  if (input.result.httpStatus === 410) {
    return { code: 'gone', reason: `${hostOf(input.endpoint.url)} answered 410 Gone: the endpoint was disabled and receives nothing until enabled again.` };
  }
  const since = input.endpoint.failingSince;
  if (since && now.getTime() - since.getTime() > disableAfterFailingHours * 3_600_000) {
    return { code: 'failing', reason: `Every attempt failed since ${since.toISOString()}: ${describe(input.result)}` };
  }
  return null;
}

/**
 * One statement with writable CTEs: the attempt row, the delivery's next state (guarded by its attempt count and
 * status, so a delivery cancelled meanwhile stays cancelled), and only the endpoint writes this attempt needs.
 */
export function finishStatement(
  input: FinishInput,
  disable: Disabling | null,
  now: Date,
): { sql: string; params: unknown[]; status: FinishInput['deliveryStatus']; next: Date | null } {
  const r = input.result;
  const status = disable && input.deliveryStatus === 'pending' ? 'failed' : input.deliveryStatus;
  const next = status === 'pending' ? input.nextAttemptAt : null;
  const params: unknown[] = [
    input.customerId, input.deliveryId, input.endpointId, input.eventId, input.eventType, input.attempt,
    r.status, r.httpStatus, r.error, Math.max(0, Math.round(r.durationMs)), r.responseBody, next, status,
  ];
  const ctes = [
    `a AS (INSERT INTO webhook_attempts (id, customer_id, delivery_id, endpoint_id, event_id, event_type, attempt, status,
             http_status, error, duration_ms, response_body, next_attempt_at)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz) RETURNING id, created_at)`,
    `d AS (UPDATE webhook_deliveries SET status = $13, next_attempt_at = $12::timestamptz, lease_until = NULL, updated_at = now()
            WHERE id = $2 AND customer_id = $1 AND attempts = $6 AND status = 'pending')`,
  ];
  let disabled = 'false';
  if (disable) {
    params.push(disable.code, disable.reason, now);
    ctes.push(
      `h AS (UPDATE webhook_endpoints SET enabled = false, disabled_code = $14, disabled_reason = $15, disabled_at = $16,
                    failing_since = COALESCE(failing_since, $16), updated_at = now()
              WHERE id = $3 AND customer_id = $1 AND enabled RETURNING id)`,
      `c AS (UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_until = NULL, updated_at = now()
              WHERE endpoint_id = $3 AND customer_id = $1 AND status = 'pending' AND id <> $2 AND EXISTS (SELECT 1 FROM h))`,
    );
    disabled = 'EXISTS (SELECT 1 FROM h)';
  } else if (r.status === 'succeeded' && input.endpoint.failingSince) {
    ctes.push(`h AS (UPDATE webhook_endpoints SET failing_since = NULL, updated_at = now() WHERE id = $3 AND customer_id = $1)`);
  } else if (r.status === 'failed' && !input.endpoint.failingSince) {
    params.push(now);
    ctes.push(
      `h AS (UPDATE webhook_endpoints SET failing_since = $14, updated_at = now()
              WHERE id = $3 AND customer_id = $1 AND failing_since IS NULL)`,
    );
  }
  return { status, next, sql: `WITH ${ctes.join(',\n')}\nSELECT a.id, a.created_at, ${disabled} AS disabled FROM a`, params };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'The endpoint';
  }
}

function describe(r: AttemptResult): string {
  if (r.error === 'http_status' && r.httpStatus !== null) return `HTTP ${r.httpStatus}`;
  return r.error ?? 'unknown error';
}
