import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { DeliveryTrigger, WebhookAttemptEntity } from '@app/database';
import { disablingFor, FinishInput, finishStatement } from './finish-statement';

/** What a claim returns: the delivery with the two rows an attempt needs (no wide SELECT *). */
export interface ClaimedDelivery {
  id: string;
  customerId: string;
  trigger: DeliveryTrigger;
  endpoint: {
    id: string;
    url: string;
    enabled: boolean;
    secretEncrypted: string;
    previousSecretEncrypted: string | null;
    previousSecretExpiresAt: Date | null;
    failingSince: Date | null;
  };
  event: { id: string; type: string; createdAt: Date; data: Record<string, unknown> };
}

export interface FinishResult {
  attempt: WebhookAttemptEntity;
  /** Whether this attempt disabled the endpoint (410, or failing for too long). */
  endpointDisabled: boolean;
  /** The delivery's state now: a disabling failure ends it (`failed`) whatever the retry policy said. */
  deliveryStatus: 'succeeded' | 'pending' | 'failed';
  nextAttemptAt: Date | null;
}

/**
 * The delivery engine's SQL: each step is one statement (the worker aims at 1,000 attempts/s on two cores), and
 * `claim` is the idempotency gate: a duplicate or stale job (its attempt already made, or leased elsewhere) claims
 * nothing.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Pending deliveries due now; for `event` the (event, endpoint) pair is unique: only the rows created are returned. */
  async createDeliveries(
    customerId: string,
    eventId: string,
    endpointIds: string[],
    trigger: DeliveryTrigger,
    em?: EntityManager,
  ): Promise<Array<{ id: string; endpointId: string }>> {
    if (endpointIds.length === 0) return [];
    const rows: Array<{ id: string; endpoint_id: string }> = await (em ?? this.db.manager).query(
      `INSERT INTO webhook_deliveries (id, customer_id, event_id, endpoint_id, trigger, status, attempts, next_attempt_at)
       SELECT gen_random_uuid(), $1, $2, e, $4, 'pending', 0, now() FROM unnest($3::uuid[]) AS e
       ON CONFLICT (event_id, endpoint_id) WHERE trigger = 'event' DO NOTHING
       RETURNING id, endpoint_id`,
      [customerId, eventId, endpointIds, trigger],
    );
    return rows.map((r) => ({ id: r.id, endpointId: r.endpoint_id }));
  }

  /** Counts attempt `attempt` and leases the delivery for `leaseMs`; null when it is not this job's to make. */
  async claim(customerId: string, deliveryId: string, attempt: number, leaseMs: number): Promise<ClaimedDelivery | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [ClaimRow[], number] = await this.db.query(
      `UPDATE webhook_deliveries d
          SET attempts = d.attempts + 1, lease_until = now() + $4 * interval '1 millisecond', updated_at = now()
         FROM webhook_endpoints w, events e
        WHERE d.id = $2 AND d.customer_id = $1 AND d.status = 'pending' AND d.attempts = $3 - 1
          AND (d.lease_until IS NULL OR d.lease_until < now())
          AND w.id = d.endpoint_id AND e.id = d.event_id
      RETURNING d.id, d.trigger, w.id AS endpoint_id, w.url, w.enabled, w.secret_encrypted, w.previous_secret_encrypted,
                w.previous_secret_expires_at, w.failing_since, e.id AS event_id, e.type, e.created_at, e.data`,
      [customerId, deliveryId, attempt, leaseMs],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      customerId,
      trigger: r.trigger,
      endpoint: {
        id: r.endpoint_id,
        url: r.url,
        enabled: r.enabled,
        secretEncrypted: r.secret_encrypted,
        previousSecretEncrypted: r.previous_secret_encrypted,
        previousSecretExpiresAt: r.previous_secret_expires_at,
        failingSince: r.failing_since,
      },
      event: { id: r.event_id, type: r.type, createdAt: r.created_at, data: r.data },
    };
  }

  /** Ends a claimed delivery without an attempt (its endpoint was disabled meanwhile). */
  async cancel(customerId: string, deliveryId: string): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_until = NULL, updated_at = now()
        WHERE id = $2 AND customer_id = $1 AND status = 'pending'`,
      [customerId, deliveryId],
    );
  }

  /**
   * Records the attempt, moves the delivery on (succeeded / pending again / failed), lets the lease go and updates the
   * endpoint's health, all in one statement (atomic without a transaction's extra round trips).
   */
  async finish(input: FinishInput, now = new Date()): Promise<FinishResult> {
    const disable = disablingFor(input, this.config.webhooks.disableAfterFailingHours, now);
    const { sql, params, status, next } = finishStatement(input, disable, now);
    const rows: Array<{ id: string; created_at: Date; disabled: boolean }> = await this.db.query(sql, params);
    const r = rows[0];
    const attempt: WebhookAttemptEntity = {
      id: r.id,
      customerId: input.customerId,
      deliveryId: input.deliveryId,
      endpointId: input.endpointId,
      eventId: input.eventId,
      eventType: input.eventType,
      attempt: input.attempt,
      status: input.result.status,
      httpStatus: input.result.httpStatus,
      error: input.result.error,
      durationMs: input.result.durationMs,
      responseBody: input.result.responseBody,
      nextAttemptAt: next,
      createdAt: r.created_at,
    };
    return { attempt, endpointDisabled: r.disabled, deliveryStatus: status, nextAttemptAt: next };
  }
}

interface ClaimRow {
  id: string;
  trigger: DeliveryTrigger;
  endpoint_id: string;
  url: string;
  enabled: boolean;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  event_id: string;
  type: string;
  created_at: Date;
  data: Record<string, unknown>;
}
