import { Injectable } from '@nestjs/common';
import { DomainError, Metrics, SecretBox, tokenAad, TokenOutcome } from '@app/common';
import { ConnectionEntity } from '@app/database';
import { ConnectionTokensRepository } from './connection-tokens.repository';
import { ReadTracker } from './read-tracker.service';
import { refreshError, servesStoredToken } from './refresh-error';
import { backoff, needsMinValidity, NeedsRefresh } from './refresh-policy';
import { TokenAnswer, toTokenAnswerView } from './token-answer.view';
import { TokenRefresher } from './token-refresher.service';

const DEFAULT_MIN_VALIDITY_SECONDS = 300;
/**
 * What the token endpoint reads per request: the answer and the freshness check, not the refresh token (a refresh
 * re-reads the whole row under its lock).
 */
const TOKEN_COLUMNS =
  'id, customer_id, end_user_id, status, expires_at, scopes, access_token_encrypted, ms_label, ms_tenant_id, ms_object_id, refresh_failures, next_refresh_at';
/** Below this, a stored token is not handed out even when Microsoft is down. */
const DEGRADED_FLOOR_MS = 10_000;
const usable = (c: ConnectionEntity, now: number) => c.status === 'active' && !!c.expiresAt && c.expiresAt.getTime() - now >= DEGRADED_FLOOR_MS;

/**
 * The token endpoint: a token valid for at least `minValidity` seconds, refreshed on the spot only if needed. Each
 * request is timed once, by outcome (the fast path and the Nest route both come here).
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly connections: ConnectionTokensRepository,
    private readonly refresher: TokenRefresher,
    private readonly reads: ReadTracker,
    private readonly secrets: SecretBox,
    private readonly metrics: Metrics,
  ) {}

  async forConnection(customerId: string, connectionId: string, minValiditySeconds = DEFAULT_MIN_VALIDITY_SECONDS): Promise<TokenAnswer> {
    const started = performance.now();
    try {
      const stored = await this.connections.read(customerId, connectionId, TOKEN_COLUMNS);
      if (!stored) throw DomainError.notFound('Connection');
      return await this.fresh(stored, minValiditySeconds, started);
    } catch (error) {
      this.observe('refused', started);
      throw error;
    }
  }

  async forEndUser(customerId: string, endUserId: string, minValiditySeconds = DEFAULT_MIN_VALIDITY_SECONDS): Promise<TokenAnswer> {
    const started = performance.now();
    try {
      const rows = await this.connections.forEndUser(customerId, endUserId);
      if (rows.length === 0) throw DomainError.notFound('Outlook Email connection for this end user');
      if (rows.length > 1) {
        throw new DomainError('AMBIGUOUS_CONNECTION', `This end user has ${rows.length} Outlook Email connections; ask for one by id with GET /v1/connections/{id}/token.`, {
          connectionIds: rows.map((r) => r.id),
        });
      }
      return await this.fresh(rows[0], minValiditySeconds, started);
    } catch (error) {
      this.observe('refused', started);
      throw error;
    }
  }

  /**
   * After Graph refused `rejected` as invalid (401 InvalidAuthenticationToken): a token other than that one, refreshing
   * at most once across everyone asking at the same time (whoever refreshed first, the others get its token).
   */
  async replacing(customerId: string, connectionId: string, rejected: Pick<TokenAnswer, 'expiresAt'>): Promise<TokenAnswer> {
    const started = performance.now();
    try {
      const valid = needsMinValidity(DEFAULT_MIN_VALIDITY_SECONDS);
      const outcome = await this.refresher.refresh(customerId, connectionId, (c, now) => valid(c, now) || c.expiresAt?.toISOString() === rejected.expiresAt);
      if (outcome.kind !== 'fresh') throw refreshError(outcome, Date.now());
      const connection = outcome.connection;
      const answer = toTokenAnswerView(connection, this.secrets.decrypt(connection.accessTokenEncrypted!, tokenAad(connection.customerId, connection.id, 'access_token')));
      this.observe('refreshed', started);
      return answer;
    } catch (error) {
      this.observe('refused', started);
      throw error;
    }
  }

  private async fresh(stored: ConnectionEntity, minValiditySeconds: number, started: number): Promise<TokenAnswer> {
    const needs = needsMinValidity(minValiditySeconds);
    let connection = stored;
    let outcome: TokenOutcome = 'served';
    const now = Date.now();
    if (stored.status !== 'active' || needs(stored, now)) {
      // Backing off after a failure: not even a lease or a re-read, just the stored token while it is usable.
      const backingOff = stored.status === 'active' ? backoff(stored, now) : null;
      if (backingOff && !usable(stored, now)) throw refreshError({ kind: 'backing_off', retryAt: backingOff.retryAt }, now);
      if (backingOff) outcome = 'degraded';
      else ({ connection, outcome } = await this.refreshed(stored, needs));
    }
    this.reads.record(connection.id);
    const answer = toTokenAnswerView(connection, this.secrets.decrypt(connection.accessTokenEncrypted!, tokenAad(connection.customerId, connection.id, 'access_token')));
    this.observe(outcome, started);
    return answer;
  }

  /** A refresh on the spot; when it cannot happen for now, the stored token while it is still usable (degraded). */
  private async refreshed(stored: ConnectionEntity, needs: NeedsRefresh): Promise<{ connection: ConnectionEntity; outcome: TokenOutcome }> {
    const outcome = await this.refresher.refresh(stored.customerId, stored.id, needs);
    if (outcome.kind === 'fresh') return { connection: outcome.connection, outcome: 'refreshed' };
    const latest = servesStoredToken(outcome) ? await this.connections.read(stored.customerId, stored.id, TOKEN_COLUMNS) : null;
    if (!latest || !usable(latest, Date.now())) throw refreshError(outcome, Date.now());
    return { connection: latest, outcome: 'degraded' };
  }

  private observe(outcome: TokenOutcome, started: number): void {
    this.metrics.tokenRequestSeconds[outcome].observe((performance.now() - started) / 1000);
  }
}
