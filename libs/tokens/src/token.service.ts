import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import { OUTLOOK_EMAIL } from '@app/connectors';
import { ConnectionEntity, ConnectorEntity } from '@app/database';
import { ReadTracker } from './read-tracker.service';
import { backoffError, needsMinValidity, TokenRefresher } from './token-refresher.service';

export const DEFAULT_MIN_VALIDITY_SECONDS = 300;
/**
 * What the token endpoint reads per request: the answer and the freshness check, not the refresh token (a refresh
 * re-reads the whole row under its lock).
 */
const TOKEN_COLUMNS =
  'id, customer_id, end_user_id, status, expires_at, scopes, access_token_encrypted, ms_label, ms_tenant_id, ms_object_id, refresh_failures, next_refresh_at';
/** Below this, a stored token is not handed out even when Microsoft is down. */
const DEGRADED_FLOOR_MS = 10_000;
const usable = (c: ConnectionEntity, now: number) => c.status === 'active' && !!c.expiresAt && c.expiresAt.getTime() - now >= DEGRADED_FLOOR_MS;

export interface TokenAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresAt: string;
  expiresIn: number;
  scopes: string[];
  connectionId: string;
  endUserId: string;
  account: { label: string | null; tenantId: string; objectId: string };
}

/** The token endpoint: a token valid for at least `minValidity` seconds, refreshed on the spot only if needed. */
@Injectable()
export class TokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly refresher: TokenRefresher,
    private readonly reads: ReadTracker,
  ) {}

  async forConnection(customerId: string, connectionId: string, minValiditySeconds = DEFAULT_MIN_VALIDITY_SECONDS): Promise<TokenAnswer> {
    const stored = await this.refresher.read(customerId, connectionId, TOKEN_COLUMNS);
    if (!stored) throw DomainError.notFound('Connection');
    return this.fresh(stored, minValiditySeconds);
  }

  async forEndUser(customerId: string, endUserId: string, minValiditySeconds = DEFAULT_MIN_VALIDITY_SECONDS): Promise<TokenAnswer> {
    const rows = await this.db
      .getRepository(ConnectionEntity)
      .createQueryBuilder('c')
      .innerJoin(ConnectorEntity, 'k', 'k.id = c.connector_id AND k.customer_id = c.customer_id')
      .where('c.customer_id = :customerId AND c.end_user_id = :endUserId AND k.kind = :kind', { customerId, endUserId, kind: OUTLOOK_EMAIL })
      .orderBy('c.created_at', 'ASC')
      .getMany();
    if (rows.length === 0) throw DomainError.notFound('Outlook Email connection for this end user');
    if (rows.length > 1) {
      throw new DomainError('AMBIGUOUS_CONNECTION', `This end user has ${rows.length} Outlook Email connections; ask for one by id with GET /v1/connections/{id}/token.`, {
        connectionIds: rows.map((r) => r.id),
      });
    }
    return this.fresh(rows[0], minValiditySeconds);
  }

  private async fresh(stored: ConnectionEntity, minValiditySeconds: number): Promise<TokenAnswer> {
    const needs = needsMinValidity(minValiditySeconds);
    let connection = stored;
    const now = Date.now();
    if (stored.status !== 'active' || needs(stored, now)) {
      // Backing off after a failure: not even a lease or a re-read, just the stored token while it is usable.
      const backingOff = stored.status === 'active' ? backoffError(stored, now) : null;
      if (backingOff && !usable(stored, now)) throw backingOff;
      if (!backingOff) {
        try {
          connection = await this.refresher.ensureFresh(stored.customerId, stored.id, needs);
        } catch (error) {
          // A refresh token under a missing encryption key cannot refresh, but the stored access token still serves.
          const degraded = error instanceof DomainError && ['MICROSOFT_UNAVAILABLE', 'CONNECTOR_MISCONFIGURED', 'ENCRYPTION_KEY_UNAVAILABLE'].includes(error.code);
          const latest = degraded ? await this.refresher.read(stored.customerId, stored.id) : null;
          if (!latest || !usable(latest, Date.now())) throw error;
          connection = latest;
        }
      }
    }
    this.reads.record(connection.id);
    const expiresAt = connection.expiresAt!;
    return {
      accessToken: this.refresher.decryptAccessToken(connection),
      tokenType: 'Bearer',
      expiresAt: expiresAt.toISOString(),
      expiresIn: Math.floor((expiresAt.getTime() - Date.now()) / 1000),
      scopes: connection.scopes,
      connectionId: connection.id,
      endUserId: connection.endUserId,
      account: { label: connection.msLabel, tenantId: connection.msTenantId, objectId: connection.msObjectId },
    };
  }
}
