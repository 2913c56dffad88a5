import { Injectable, Logger } from '@nestjs/common';
import { ConnectorsRepository, ConnectorsService, CredentialCheck } from '@app/connectors';
import { ConnectionEntity, ConnectorEntity } from '@app/database';
import { ClientCredentials } from '@app/microsoft';
import { ConnectionTokensRepository } from './connection-tokens.repository';
import { failureText, failureVerdict, TEXTS } from './refresh-policy';
import { RefreshSteps } from './refresh-steps.service';

/**
 * Real refreshes that test a connector's app rather than one connection: the second connection that confirms a
 * credential failure before it stops the whole connector, and the re-check after a flagged connector is saved.
 */
@Injectable()
export class CredentialCheckService {
  private readonly logger = new Logger(CredentialCheckService.name);

  constructor(
    private readonly connections: ConnectionTokensRepository,
    private readonly connectorRows: ConnectorsRepository,
    private readonly connectors: ConnectorsService,
    private readonly steps: RefreshSteps,
  ) {}

  /**
   * Confirms a credential failure of `c` before it stops every connection of the connector: another active connection
   * of the same connector (same customer, same app) is refreshed under its own lease; only a credential failure
   * confirms. A connector with no other connection is confirmed by the one failure.
   */
  async confirmedByAnother(c: ConnectionEntity, connector: ConnectorEntity): Promise<boolean> {
    const credentials = this.connectors.clientCredentials(connector);
    if (!credentials) return true;
    const otherId = await this.connections.otherActiveOfApp(c.customerId, connector.id, credentials.clientId, c.id);
    if (!otherId) return true;
    const release = await this.steps.lease(c.customerId, otherId);
    // Someone is refreshing it right now: their result will tell; until then this failure is not confirmed.
    if (!release) return false;
    try {
      const second = await this.connections.read(c.customerId, otherId);
      if (!second || second.status !== 'active' || !second.refreshTokenEncrypted) return false;
      const result = await this.steps.grant(second, connector, credentials);
      const log = { customerId: c.customerId, connectionId: c.id, secondConnectionId: second.id };
      if (result.error) {
        const confirmed = failureVerdict(result.error, second.authorityTenant ?? connector.tenant) === 'connector_misconfigured';
        this.logger.warn({ ...log, error: failureText(result.error).code, confirmed }, 'Credential failure checked on a second connection');
        return confirmed;
      }
      await this.steps.store(second, result.tokens);
      this.logger.warn(log, 'Credential failure not confirmed: a second connection refreshed');
      return false;
    } finally {
      await release();
    }
  }

  /**
   * After a save of a flagged connector: one real refresh, with the saved credentials, of the connection that flagged
   * it (else another active one of the same app). Microsoft accepting the app lifts the flag (the tokens are stored
   * as any refresh); a credential error keeps it with that error. Null when the connector was not flagged.
   */
  async recheckCredentials(customerId: string): Promise<CredentialCheck | null> {
    const connector = await this.connectors.find(customerId);
    if (!connector?.misconfiguredAt) return null;
    const credentials = this.connectors.clientCredentials(connector);
    if (!credentials) return { result: 'failed', connectionId: null, microsoftError: connector.misconfiguredCode, message: TEXTS.noCredentials };
    const connectionId = await this.connections.recheckCandidate(customerId, connector.id, credentials.clientId, connector.misconfiguredConnectionId);
    if (!connectionId) {
      await this.connectorRows.clearMisconfigured(customerId, connector.id);
      return { result: 'unverified', connectionId: null, microsoftError: null, message: 'No connection of this app to check with; refreshes resume.' };
    }
    const release = await this.steps.lease(customerId, connectionId);
    if (!release) {
      await this.connectorRows.clearMisconfigured(customerId, connector.id);
      return { result: 'unverified', connectionId, microsoftError: null, message: 'The connection is being refreshed right now; refreshes resume.' };
    }
    try {
      return await this.recheckWith(customerId, connectionId, connector, credentials);
    } finally {
      await release();
    }
  }

  /** The re-check's refresh of one connection, under its lease. */
  private async recheckWith(customerId: string, connectionId: string, connector: ConnectorEntity, credentials: ClientCredentials): Promise<CredentialCheck> {
    const c = await this.connections.read(customerId, connectionId);
    if (!c?.refreshTokenEncrypted) return { result: 'unverified', connectionId, microsoftError: null, message: 'The connection changed meanwhile; save again to re-check.' };
    const result = await this.steps.grant(c, connector, credentials);
    if (result.error) {
      const { code, text } = failureText(result.error);
      const verdict = failureVerdict(result.error, c.authorityTenant ?? connector.tenant);
      if (verdict === 'connector_misconfigured') {
        await this.connectorRows.flagMisconfigured(customerId, connector.id, { code, reason: text, connectionId: c.id });
        this.logger.warn({ customerId, connectionId, error: code }, 'Connector re-check failed: Microsoft still refuses the app');
        return { result: 'failed', connectionId, microsoftError: code, message: text };
      }
      // Not about the app: the credentials are not refused; the connection's own failure is handled as usual.
      await this.connectorRows.clearMisconfigured(customerId, connector.id);
      await this.steps.settle(c, verdict, result.error);
      return { result: 'unverified', connectionId, microsoftError: code, message: `Microsoft did not refuse the app; this connection failed on its own: ${text}` };
    }
    await this.steps.store(c, result.tokens);
    await this.connectorRows.clearMisconfigured(customerId, connector.id);
    this.logger.log({ customerId, connectionId }, 'Connector re-check passed: refreshes resume');
    return { result: 'passed', connectionId, microsoftError: null, message: 'Microsoft accepted the app; refreshes resume.' };
  }
}
