import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { oauthStateAad, SecretBox, TokenHasher, tokenAad } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { callbackUrl, ConnectorsService, defaultAppCallbackUrl } from '@app/connectors';
import {
  ConnectAttemptEntity,
  ConnectionEntity,
  ConnectorEntity,
  ConnectSessionEntity,
  CustomerEntity,
  OAuthStateEntity,
} from '@app/database';
import {
  CONSUMERS_TENANT_ID,
  codesFromDescription,
  createPkcePair,
  explain,
  graphResource,
  IdTokenError,
  IdTokenIdentity,
  MicrosoftIdentityClient,
  MicrosoftTokenError,
  TokenSet,
} from '@app/microsoft';
import { ConnectAttemptsService } from './connect-attempts.service';
import { PAGE_ERRORS } from './connect-page.error';
import { ConnectSessionsService } from './connect-sessions.service';
import { recordConnectionEvent } from './connection-events';
import { missingScopes, missingScopesEvent, sameScopes } from './granted-scopes';
import { nextRefreshAt } from './refresh-schedule';

export const STATE_TTL_MS = 10 * 60_000;

export interface BindingCookie {
  name: string;
  value: string;
  maxAgeMs: number;
  path: string;
  secure: boolean;
}

interface FlowContext {
  customer: CustomerEntity;
  session: ConnectSessionEntity | null;
  sessionToken: string | null;
}

export type CallbackResult =
  | (FlowContext & { kind: 'connected'; connection: ConnectionEntity; replacedAccount: boolean })
  | (FlowContext & {
      kind: 'failed';
      status: 'declined' | 'failed';
      error: string;
      errorCode: string | null;
      title: string;
      message: string;
    });

/** Raised inside the callback to end it as a recorded failure with an end-user message. */
class FlowFailure extends Error {
  constructor(
    readonly error: string,
    readonly errorCode: string | null,
    readonly customerExplanation: string,
    readonly endUserMessage: string,
    readonly status: 'declined' | 'failed' = 'failed',
  ) {
    super(customerExplanation);
  }
}

function stateHashOf(hasher: TokenHasher, state: string): string {
  return hasher.hash(`state:${state}`);
}

/** The cookie that binds an authorization request to the browser that started it (login-CSRF defence). */
export function bindingCookieName(state: string): string {
  return `lk_flow_${createHash('sha256').update(state).digest('hex').slice(0, 16)}`;
}


/**
 * The OAuth authorization-code flow with PKCE for end users: from the catalog's Connect button to a stored
 * connection. Every attempt is recorded; every failure ends on a page that says what happened and what to do.
 */
@Injectable()
export class ConnectFlowService {
  private readonly logger = new Logger(ConnectFlowService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: ConnectSessionsService,
    private readonly connectors: ConnectorsService,
    private readonly attempts: ConnectAttemptsService,
    private readonly microsoft: MicrosoftIdentityClient,
    private readonly secrets: SecretBox,
    private readonly hasher: TokenHasher,
  ) {}

  /**
   * Starts an authorization request from the catalog's form (this session's browser, with its page's CSRF token);
   * answers the Microsoft URL to redirect to and the browser-binding cookie.
   */
  async start(sessionToken: string, sessionCookie: string | undefined, csrf: unknown): Promise<{ authorizeUrl: string; cookie: BindingCookie }> {
    const resolved = await this.sessions.resolve(sessionToken);
    this.sessions.assertFromOwnPage(resolved, sessionCookie, csrf);
    const { session, customer } = resolved;
    const connector = await this.connectors.find(customer.id);
    if (!connector || !connector.enabled) throw PAGE_ERRORS.connectorUnavailable(customer.name);
    const app = this.connectors.credentialsFor(connector, customer.slug);
    if (!app) throw PAGE_ERRORS.connectorUnavailable(customer.name);
    await this.sessions.countAttempt(resolved);

    const state = randomBytes(32).toString('base64url');
    const binding = randomBytes(32).toString('base64url');
    const nonce = randomBytes(16).toString('base64url');
    const pkce = createPkcePair();
    const scopes = connector.scopes.includes('openid') ? connector.scopes : [...connector.scopes, 'openid'];
    const stateId = randomUUID();
    const attemptId = randomUUID();

    await this.db.transaction(async (em) => {
      await em.insert(ConnectAttemptEntity, {
        id: attemptId,
        customerId: customer.id,
        connectorId: connector.id,
        connectSessionId: session.id,
        endUserId: session.endUserId,
        status: 'pending',
      });
      await em.insert(OAuthStateEntity, {
        id: stateId,
        stateHash: stateHashOf(this.hasher, state),
        customerId: customer.id,
        connectorId: connector.id,
        connectSessionId: session.id,
        attemptId,
        expectedTenant: connector.tenant,
        clientId: app.credentials.clientId,
        redirectUri: app.redirectUri,
        requestedScopes: scopes,
        codeVerifierEncrypted: this.secrets.encrypt(pkce.verifier, oauthStateAad(stateId, 'code_verifier')),
        sessionTokenEncrypted: this.secrets.encrypt(sessionToken, oauthStateAad(stateId, 'session_token')),
        nonce,
        browserBindingHash: this.hasher.hash(binding),
        expiresAt: new Date(Date.now() + STATE_TTL_MS),
      });
    });
    this.logger.log({ customerId: customer.id, attemptId, endUserId: session.endUserId }, 'Connect flow started');

    return {
      authorizeUrl: this.microsoft.authorizeUrl({
        tenant: connector.tenant,
        clientId: app.credentials.clientId,
        redirectUri: app.redirectUri,
        scopes,
        state,
        codeChallenge: pkce.challenge,
        nonce,
        prompt: 'select_account',
        loginHint: session.endUserEmail,
      }),
      cookie: {
        name: bindingCookieName(state),
        value: binding,
        maxAgeMs: STATE_TTL_MS,
        path: '/oauth/callback',
        secure: this.config.publicUrl.startsWith('https://'),
      },
    };
  }

  /**
   * Finishes a flow at the callback. `pathSlug` is the customer slug of the callback path, or null for the
   * platform default app's shared callback. Invalid state of any kind throws a page error and changes nothing.
   */
  async complete(pathSlug: string | null, query: Record<string, unknown>, cookies: Record<string, string | undefined>): Promise<CallbackResult> {
    const state = typeof query.state === 'string' && query.state.length > 0 && query.state.length <= 200 ? query.state : null;
    if (!state) throw PAGE_ERRORS.stateMissing();
    const row = await this.db.getRepository(OAuthStateEntity).findOneBy({ stateHash: stateHashOf(this.hasher, state) });
    if (!row) throw PAGE_ERRORS.stateUnknown();
    const arrivedAt = pathSlug === null ? defaultAppCallbackUrl(this.config.publicUrl) : callbackUrl(this.config.publicUrl, pathSlug);
    if (arrivedAt !== row.redirectUri) throw PAGE_ERRORS.stateForeign();

    const fail = (error: string, explanation: string) =>
      this.attempts.complete(row.customerId, row.attemptId, { status: 'failed', error, explanation });
    if (row.expiresAt.getTime() <= Date.now()) {
      await fail('state_expired', 'The end user took more than 10 minutes to come back from Microsoft.');
      throw PAGE_ERRORS.stateExpired();
    }
    const consumed = await this.db
      .createQueryBuilder()
      .update(OAuthStateEntity)
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL', { id: row.id })
      .execute();
    if (!consumed.affected) throw PAGE_ERRORS.stateReplayed();
    const binding = cookies[bindingCookieName(state)];
    if (!binding || !TokenHasher.safeEqual(this.hasher.hash(binding), row.browserBindingHash)) {
      await fail('browser_mismatch', 'The callback arrived in a browser other than the one that started the flow (or without its cookie); refused to prevent login CSRF.');
      throw PAGE_ERRORS.browserMismatch();
    }

    const customer = await this.db.getRepository(CustomerEntity).findOneByOrFail({ id: row.customerId });
    const session = await this.db.getRepository(ConnectSessionEntity).findOneBy({ id: row.connectSessionId, customerId: row.customerId });
    let sessionToken: string | null = null;
    try {
      sessionToken = this.secrets.decrypt(row.sessionTokenEncrypted, oauthStateAad(row.id, 'session_token'));
    } catch {
      sessionToken = null;
    }
    const context: FlowContext = { customer, session, sessionToken };

    try {
      const { connection, replacedAccount, label } = await this.redeemAndStore(row, customer, session, query);
      await this.attempts.complete(row.customerId, row.attemptId, { status: 'connected', connectionId: connection.id, accountLabel: label });
      this.logger.log({ customerId: customer.id, connectionId: connection.id, attemptId: row.attemptId }, 'Connection stored');
      return { ...context, kind: 'connected', connection, replacedAccount };
    } catch (error) {
      if (!(error instanceof FlowFailure)) throw error;
      await this.attempts.complete(row.customerId, row.attemptId, {
        status: error.status,
        error: error.error,
        errorCode: error.errorCode,
        explanation: error.customerExplanation,
      });
      this.logger.warn({ customerId: customer.id, attemptId: row.attemptId, error: error.error, errorCode: error.errorCode }, 'Connect attempt failed');
      return {
        ...context,
        kind: 'failed',
        status: error.status,
        error: error.error,
        errorCode: error.errorCode,
        title: error.status === 'declined' ? 'Nothing was connected' : 'The connection did not work',
        message: error.endUserMessage,
      };
    }
  }

  private async redeemAndStore(
    row: OAuthStateEntity,
    customer: CustomerEntity,
    session: ConnectSessionEntity | null,
    query: Record<string, unknown>,
  ): Promise<{ connection: ConnectionEntity; replacedAccount: boolean; label: string | null }> {
    if (typeof query.error === 'string') {
      const description = typeof query.error_description === 'string' ? query.error_description : null;
      const codes = codesFromDescription(description);
      const text = explain(query.error, codes);
      throw new FlowFailure(
        query.error.slice(0, 100),
        codes.length ? `AADSTS${codes[0]}` : null,
        description ? `${text.customer} Microsoft said: ${description.split(/\r?\n/)[0].slice(0, 500)}` : text.customer,
        text.endUser,
        query.error === 'access_denied' ? 'declined' : 'failed',
      );
    }
    const code = typeof query.code === 'string' && query.code.length > 0 ? query.code : null;
    if (!code) {
      throw new FlowFailure('missing_code', null, 'Microsoft redirected back without a code or an error.', 'Microsoft did not finish the sign-in. Please try again.');
    }
    if (!session) {
      throw new FlowFailure('session_gone', null, 'The connect session was deleted during the flow.', 'This connection link is no longer valid. Start again from the app you came from.');
    }
    const connector = await this.db.getRepository(ConnectorEntity).findOneBy({ id: row.connectorId, customerId: row.customerId });
    const app = connector ? this.connectors.credentialsFor(connector, customer.slug) : null;
    if (!connector || !app || app.credentials.clientId !== row.clientId) {
      throw new FlowFailure(
        'connector_changed',
        null,
        'The connector was removed or its app changed while the end user was signing in.',
        'The app changed its Microsoft settings while you were signing in. Please start again.',
      );
    }

    let tokens: TokenSet;
    try {
      tokens = await this.microsoft.redeemCode(row.expectedTenant, app.credentials, {
        code,
        redirectUri: row.redirectUri,
        codeVerifier: this.secrets.decrypt(row.codeVerifierEncrypted, oauthStateAad(row.id, 'code_verifier')),
        scopes: row.requestedScopes,
      });
    } catch (error) {
      if (!(error instanceof MicrosoftTokenError)) throw error;
      const text = explain(error.error, error.errorCodes);
      throw new FlowFailure(error.error, error.aadsts, text.customer, text.endUser);
    }
    if (!tokens.refreshToken) {
      throw new FlowFailure(
        'no_refresh_token',
        null,
        'Microsoft returned no refresh token: offline_access was not granted. Make sure offline_access is among the app\'s API permissions in Azure.',
        'Microsoft did not allow this app to stay connected. Please contact the app\'s support.',
      );
    }
    if (!tokens.idToken) {
      throw new FlowFailure('no_id_token', null, 'Microsoft returned no ID token although openid was requested.', 'Microsoft did not tell us which account you signed in with. Please try again.');
    }
    let identity: IdTokenIdentity;
    try {
      identity = await this.microsoft.verifyIdToken(tokens.idToken, { clientId: row.clientId, nonce: row.nonce });
    } catch (error) {
      if (!(error instanceof IdTokenError)) throw error;
      throw new FlowFailure('id_token_invalid', null, error.message, 'We could not verify the Microsoft account you signed in with. Please try again.');
    }
    const tenantProblem = this.tenantMismatch(row.expectedTenant, identity.tid);
    if (tenantProblem) {
      throw new FlowFailure('tenant_mismatch', null, tenantProblem, 'This Microsoft account cannot be used with this app. Try another account.');
    }
    let label = identity.preferredUsername ?? identity.email;
    if (!label) {
      const me = await this.microsoft.getMe(tokens.accessToken).catch(() => null);
      label = me ? (me.mail ?? me.userPrincipalName) : null;
    }
    const { connection, replacedAccount } = await this.storeConnection(row, connector, session, identity, label, tokens);
    return { connection, replacedAccount, label };
  }

  private tenantMismatch(expected: string, tid: string): string | null {
    if (/^[0-9a-f-]{36}$/.test(expected) && expected !== tid.toLowerCase()) {
      return `The account belongs to tenant ${tid}, but the connector only allows tenant ${expected}.`;
    }
    if (expected === 'consumers' && tid !== CONSUMERS_TENANT_ID) return 'A work or school account signed in, but the connector allows personal accounts only.';
    if (expected === 'organizations' && tid === CONSUMERS_TENANT_ID) return 'A personal account signed in, but the connector allows work or school accounts only.';
    return null;
  }

  private async storeConnection(
    row: OAuthStateEntity,
    connector: ConnectorEntity,
    session: ConnectSessionEntity,
    identity: IdTokenIdentity,
    label: string | null,
    tokens: TokenSet,
  ): Promise<{ connection: ConnectionEntity; replacedAccount: boolean }> {
    return this.db.transaction(async (em) => {
      // Serialise callbacks of one end user: row locks cannot stop two first-time inserts, this lock does.
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`connections:${row.customerId}:${connector.id}:${session.endUserId}`]);
      const existing = await em
        .getRepository(ConnectionEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.customer_id = :customerId AND c.connector_id = :connectorId AND c.end_user_id = :endUserId', {
          customerId: row.customerId,
          connectorId: connector.id,
          endUserId: session.endUserId,
        })
        .orderBy('c.created_at', 'ASC')
        .getMany();
      const same = existing.find((c) => c.msTenantId === identity.tid && c.msObjectId === identity.oid);
      const target = same ?? (connector.multipleAccounts ? undefined : existing[0]);
      const id = target?.id ?? randomUUID();
      const now = new Date();
      const expiresAt = tokens.expiresAt;
      const fields = {
        endUserEmail: session.endUserEmail,
        endUserDisplayName: session.endUserDisplayName,
        msTenantId: identity.tid,
        msObjectId: identity.oid,
        msLabel: label,
        msDisplayName: identity.name,
        clientId: row.clientId,
        scopes: tokens.scopes,
        missingScopes: missingScopes(connector.scopes, tokens.scopes, graphResource(this.config.microsoft.graphUrl)),
        accessTokenEncrypted: this.secrets.encrypt(tokens.accessToken, tokenAad(row.customerId, id, 'access_token')),
        refreshTokenEncrypted: this.secrets.encrypt(tokens.refreshToken!, tokenAad(row.customerId, id, 'refresh_token')),
        expiresAt,
        nextRefreshAt: nextRefreshAt(expiresAt, this.config.refresh),
        refreshFailures: 0,
        lastRefreshError: null,
        requestedScopes: row.requestedScopes,
        authorityTenant: row.expectedTenant,
        status: 'active' as const,
        statusReason: null,
        statusCode: null,
        lastRefreshedAt: now,
        connectedAt: now,
      };
      if (target) {
        await em
          .createQueryBuilder()
          .update(ConnectionEntity)
          .set({ ...fields, version: () => 'version + 1' })
          .where('id = :id AND customer_id = :customerId', { id, customerId: row.customerId })
          .execute();
      } else {
        await em.insert(ConnectionEntity, {
          id,
          customerId: row.customerId,
          connectorId: connector.id,
          endUserId: session.endUserId,
          version: 1,
          ...fields,
        });
      }
      const replacedAccount = Boolean(target && !same);
      await recordConnectionEvent(em, {
        customerId: row.customerId,
        connectionId: id,
        status: 'connected',
        reason: `${target ? (replacedAccount ? 'Connected another account in place of the previous one' : 'Reconnected') : 'Connected'} as ${label ?? identity.oid}`,
      });
      // Told once per change: a reconnect with the same scopes missing adds no event.
      if (!sameScopes(fields.missingScopes, target?.missingScopes ?? [])) {
        await recordConnectionEvent(em, { customerId: row.customerId, connectionId: id, ...missingScopesEvent(fields.missingScopes) });
      }
      const connection = await em.getRepository(ConnectionEntity).findOneByOrFail({ id, customerId: row.customerId });
      return { connection, replacedAccount };
    });
  }
}
