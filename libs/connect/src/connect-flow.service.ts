import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { oauthStateAad, SecretBox, TokenHasher } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { callbackUrl, ConnectorsService, defaultAppCallbackUrl } from '@app/connectors';
import { CustomersRepository } from '@app/customers';
import type { ConnectionEntity, ConnectorEntity, ConnectSessionEntity, CustomerEntity, OAuthStateEntity } from '@app/database';
import { createPkcePair, MicrosoftIdentityClient } from '@app/microsoft';
import { CodeRedeemer } from './code-redeemer.service';
import { PAGE_ERRORS } from './connect-page.error';
import { ConnectSessionsService, ResolvedSession } from './connect-sessions.service';
import { ConnectionStore } from './connection-store.service';
import { FlowFailure } from './flow-failure';
import { ConnectAttemptsRepository } from './repositories/connect-attempts.repository';
import { ConnectSessionsRepository } from './repositories/connect-sessions.repository';
import { OAuthStatesRepository } from './repositories/oauth-states.repository';

const STATE_TTL_MS = 10 * 60_000;

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

/** The secrets of one authorization request: in the Microsoft URL (state, nonce, PKCE challenge) and in the cookie. */
interface AuthorizationRequest {
  state: string;
  binding: string;
  nonce: string;
  pkce: { verifier: string; challenge: string };
  scopes: string[];
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
    private readonly customers: CustomersRepository,
    private readonly sessionRows: ConnectSessionsRepository,
    private readonly states: OAuthStatesRepository,
    private readonly attempts: ConnectAttemptsRepository,
    private readonly redeemer: CodeRedeemer,
    private readonly store: ConnectionStore,
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

    const request: AuthorizationRequest = {
      state: randomBytes(32).toString('base64url'),
      binding: randomBytes(32).toString('base64url'),
      nonce: randomBytes(16).toString('base64url'),
      pkce: createPkcePair(),
      scopes: connector.scopes.includes('openid') ? connector.scopes : [...connector.scopes, 'openid'],
    };
    const attemptId = await this.saveRequest(resolved, connector, app, request, sessionToken);
    this.logger.log({ customerId: customer.id, attemptId, endUserId: session.endUserId }, 'Connect flow started');
    return {
      authorizeUrl: this.microsoft.authorizeUrl({
        tenant: connector.tenant,
        clientId: app.credentials.clientId,
        redirectUri: app.redirectUri,
        scopes: request.scopes,
        state: request.state,
        codeChallenge: request.pkce.challenge,
        nonce: request.nonce,
        prompt: 'select_account',
        loginHint: session.endUserEmail,
      }),
      cookie: {
        name: bindingCookieName(request.state),
        value: request.binding,
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
    const row = await this.claimState(pathSlug, query, cookies);
    const context = await this.contextOf(row);
    try {
      const account = await this.redeemer.redeem(row, context.customer, context.session, query);
      const { connection, replacedAccount } = await this.store.store(row, account);
      await this.attempts.complete(row.customerId, row.attemptId, { status: 'connected', connectionId: connection.id, accountLabel: account.label });
      this.logger.log({ customerId: row.customerId, connectionId: connection.id, attemptId: row.attemptId }, 'Connection stored');
      return { ...context, kind: 'connected', connection, replacedAccount };
    } catch (error) {
      if (!(error instanceof FlowFailure)) throw error;
      return this.failed(row, context, error);
    }
  }

  /** The pending attempt and its OAuth state, in one transaction: a state never exists without its attempt. */
  private async saveRequest(
    { session, customer }: ResolvedSession,
    connector: ConnectorEntity,
    app: NonNullable<ReturnType<ConnectorsService['credentialsFor']>>,
    request: AuthorizationRequest,
    sessionToken: string,
  ): Promise<string> {
    const stateId = randomUUID();
    const attemptId = randomUUID();
    await this.db.transaction(async (em) => {
      await this.attempts.insert(
        customer.id,
        { id: attemptId, connectorId: connector.id, connectSessionId: session.id, endUserId: session.endUserId, status: 'pending' },
        em,
      );
      await this.states.insert(
        customer.id,
        {
          id: stateId,
          stateHash: stateHashOf(this.hasher, request.state),
          connectorId: connector.id,
          connectSessionId: session.id,
          attemptId,
          expectedTenant: connector.tenant,
          clientId: app.credentials.clientId,
          redirectUri: app.redirectUri,
          requestedScopes: request.scopes,
          codeVerifierEncrypted: this.secrets.encrypt(request.pkce.verifier, oauthStateAad(stateId, 'code_verifier')),
          sessionTokenEncrypted: this.secrets.encrypt(sessionToken, oauthStateAad(stateId, 'session_token')),
          nonce: request.nonce,
          browserBindingHash: this.hasher.hash(request.binding),
          expiresAt: new Date(Date.now() + STATE_TTL_MS),
        },
        em,
      );
    });
    return attemptId;
  }

  /**
   * The callback's OAuth state, used up: known, at the callback it was issued for, unexpired, not used before, and
   * in the browser that started the flow. Expiry and a foreign browser are recorded on the attempt.
   */
  private async claimState(pathSlug: string | null, query: Record<string, unknown>, cookies: Record<string, string | undefined>): Promise<OAuthStateEntity> {
    const state = typeof query.state === 'string' && query.state.length > 0 && query.state.length <= 200 ? query.state : null;
    if (!state) throw PAGE_ERRORS.stateMissing();
    const row = await this.states.findByStateHash(stateHashOf(this.hasher, state));
    if (!row) throw PAGE_ERRORS.stateUnknown();
    const arrivedAt = pathSlug === null ? defaultAppCallbackUrl(this.config.publicUrl) : callbackUrl(this.config.publicUrl, pathSlug);
    if (arrivedAt !== row.redirectUri) throw PAGE_ERRORS.stateForeign();
    const fail = (error: string, explanation: string) => this.attempts.complete(row.customerId, row.attemptId, { status: 'failed', error, explanation });
    if (row.expiresAt.getTime() <= Date.now()) {
      await fail('state_expired', 'The end user took more than 10 minutes to come back from Microsoft.');
      throw PAGE_ERRORS.stateExpired();
    }
    if (!(await this.states.consume(row.customerId, row.id))) throw PAGE_ERRORS.stateReplayed();
    const binding = cookies[bindingCookieName(state)];
    if (!binding || !TokenHasher.safeEqual(this.hasher.hash(binding), row.browserBindingHash)) {
      await fail('browser_mismatch', 'The callback arrived in a browser other than the one that started the flow (or without its cookie); refused to prevent login CSRF.');
      throw PAGE_ERRORS.browserMismatch();
    }
    return row;
  }

  /** Whose flow it is, for the result page: the customer, its connect session if still there, and the catalog token. */
  private async contextOf(row: OAuthStateEntity): Promise<FlowContext> {
    const customer = await this.customers.getById(row.customerId);
    const session = await this.sessionRows.findById(row.customerId, row.connectSessionId);
    return { customer, session, sessionToken: this.sessionTokenOf(row) };
  }

  /** The catalog token, for the result page's way back; null when it cannot be unsealed (a key removed meanwhile). */
  private sessionTokenOf(row: OAuthStateEntity): string | null {
    try {
      return this.secrets.decrypt(row.sessionTokenEncrypted, oauthStateAad(row.id, 'session_token'));
    } catch {
      return null;
    }
  }

  private async failed(row: OAuthStateEntity, context: FlowContext, failure: FlowFailure): Promise<CallbackResult> {
    await this.attempts.complete(row.customerId, row.attemptId, {
      status: failure.status,
      error: failure.error,
      errorCode: failure.errorCode,
      explanation: failure.customerExplanation,
    });
    this.logger.warn({ customerId: row.customerId, attemptId: row.attemptId, error: failure.error, errorCode: failure.errorCode }, 'Connect attempt failed');
    return {
      ...context,
      kind: 'failed',
      status: failure.status,
      error: failure.error,
      errorCode: failure.errorCode,
      title: failure.status === 'declined' ? 'Nothing was connected' : 'The connection did not work',
      message: failure.endUserMessage,
    };
  }
}
