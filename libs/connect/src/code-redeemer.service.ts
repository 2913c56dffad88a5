import { Injectable } from '@nestjs/common';
import { oauthStateAad, SecretBox } from '@app/common';
import { ConnectorsService } from '@app/connectors';
import type { ConnectorEntity, ConnectSessionEntity, CustomerEntity, OAuthStateEntity } from '@app/database';
import { explain, IdTokenError, IdTokenIdentity, MicrosoftIdentityClient, MicrosoftTokenError, TokenSet } from '@app/microsoft';
import { failureFromCallback, FlowFailure, tenantMismatch } from './flow-failure';

type ClientCredentials = NonNullable<ReturnType<ConnectorsService['clientCredentials']>>;

/** What a callback redeemed: the tokens, the verified account, and the label to show for it. */
export interface RedeemedAccount {
  session: ConnectSessionEntity;
  connector: ConnectorEntity;
  tokens: TokenSet & { refreshToken: string };
  identity: IdTokenIdentity;
  label: string | null;
}

/**
 * The callback's exchange with Microsoft: the authorization code for tokens, the ID token for a verified account.
 * Every way it can go wrong is a FlowFailure that says what happened, to the customer and to the end user.
 */
@Injectable()
export class CodeRedeemer {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly microsoft: MicrosoftIdentityClient,
    private readonly secrets: SecretBox,
  ) {}

  /** Checks in the order of the callback: Microsoft's answer, the connect session, the app, the code, the account. */
  async redeem(row: OAuthStateEntity, customer: CustomerEntity, session: ConnectSessionEntity | null, query: Record<string, unknown>): Promise<RedeemedAccount> {
    const failure = failureFromCallback(query);
    if (failure) throw failure;
    const code = typeof query.code === 'string' && query.code.length > 0 ? query.code : null;
    if (!code) {
      throw new FlowFailure('missing_code', null, 'Microsoft redirected back without a code or an error.', 'Microsoft did not finish the sign-in. Please try again.');
    }
    if (!session) {
      throw new FlowFailure('session_gone', null, 'The connect session was deleted during the flow.', 'This connection link is no longer valid. Start again from the app you came from.');
    }
    const { connector, credentials } = await this.sameApp(row, customer);
    const tokens = await this.redeemCode(row, credentials, code);
    const identity = await this.verifyIdentity(row, tokens);
    return { session, connector, tokens, identity, label: await this.accountLabel(identity, tokens) };
  }

  /** The connector and app credentials the flow started with: an app changed meanwhile cannot redeem the code. */
  private async sameApp(row: OAuthStateEntity, customer: CustomerEntity): Promise<{ connector: ConnectorEntity; credentials: ClientCredentials }> {
    const found = await this.connectors.find(row.customerId);
    const connector = found?.id === row.connectorId ? found : null;
    const app = connector ? this.connectors.credentialsFor(connector, customer.slug) : null;
    if (!connector || !app || app.credentials.clientId !== row.clientId) {
      throw new FlowFailure(
        'connector_changed',
        null,
        'The connector was removed or its app changed while the end user was signing in.',
        'The app changed its Microsoft settings while you were signing in. Please start again.',
      );
    }
    return { connector, credentials: app.credentials };
  }

  private async redeemCode(row: OAuthStateEntity, credentials: ClientCredentials, code: string): Promise<TokenSet & { refreshToken: string }> {
    let tokens: TokenSet;
    try {
      tokens = await this.microsoft.redeemCode(row.expectedTenant, credentials, {
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
    return { ...tokens, refreshToken: tokens.refreshToken };
  }

  /** The account from the ID token, checked against the nonce, the client and the connector's tenant rule. */
  private async verifyIdentity(row: OAuthStateEntity, tokens: TokenSet): Promise<IdTokenIdentity> {
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
    const tenantProblem = tenantMismatch(row.expectedTenant, identity.tid);
    if (tenantProblem) {
      throw new FlowFailure('tenant_mismatch', null, tenantProblem, 'This Microsoft account cannot be used with this app. Try another account.');
    }
    return identity;
  }

  /** The sign-in name from the ID token, else the mailbox Graph reports (best effort: none is fine). */
  private async accountLabel(identity: IdTokenIdentity, tokens: TokenSet): Promise<string | null> {
    const label = identity.preferredUsername ?? identity.email;
    if (label) return label;
    const me = await this.microsoft.getMe(tokens.accessToken).catch(() => null);
    return me ? (me.mail ?? me.userPrincipalName) : null;
  }
}
