import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { clientSecretAad, SecretBox, SecretKeyUnavailableError } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ConnectorEntity, isUniqueViolation } from '@app/database';
import { graphResource } from '@app/microsoft';
import { callbackUrl } from './callback-url';
import { defaultConnector, OUTLOOK_EMAIL } from './connector-defaults';
import { mergeConnector, MergeContext } from './connector-merge';
import type { ConnectorInput } from './connector.input';
import { defaultAppCallbackUrl, toConnectorView, ConnectorView } from './connector.view';
import { ConnectorsRepository } from './connectors.repository';
import { mailNotificationsChanged } from './mail-notifications';
import { resyncConnectorMailSubscriptions } from './mail-subscription-signals';

interface AppCredentials {
  credentials: { clientId: string; clientSecret: string | null };
  redirectUri: string;
}

@Injectable()
export class ConnectorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: SecretBox,
    private readonly connectors: ConnectorsRepository,
  ) {}

  async find(customerId: string): Promise<ConnectorEntity | null> {
    return this.connectors.findByKind(customerId, OUTLOOK_EMAIL);
  }

  /** The connector as the customer sees it; an unsaved one shows defaults and the callback URL to register. */
  async view(customerId: string, customerSlug: string): Promise<ConnectorView> {
    const entity = await this.find(customerId);
    const missing = entity ? await this.connectors.countConnectionsMissingScopes(customerId, entity.id) : 0;
    return toConnectorView(entity ?? defaultConnector(customerId), customerSlug, this.config, entity !== null, missing);
  }

  async put(customerId: string, customerSlug: string, input: ConnectorInput): Promise<ConnectorView> {
    for (let attempt = 0; ; attempt++) {
      try {
        const entity = await this.db.transaction((em) => this.save(customerId, input, em));
        return toConnectorView(entity, customerSlug, this.config, true, await this.connectors.countConnectionsMissingScopes(customerId, entity.id));
      } catch (error) {
        // Two first saves raced on the (customer, kind) unique key: the loser retries as an update.
        if (!isUniqueViolation(error) || attempt > 0) throw error;
      }
    }
  }

  /** Decrypts the stored client secret for the OAuth flow; never for a response. */
  revealClientSecret(entity: ConnectorEntity): string | null {
    if (!entity.clientSecretEncrypted) return null;
    try {
      return this.secrets.decrypt(entity.clientSecretEncrypted, clientSecretAad(entity.customerId, entity.id));
    } catch (error) {
      // Sealed by a key no longer configured: the connector cannot sign in, like one without a secret (the
      // CONNECTOR_MISCONFIGURED path); readiness lists the missing key for the operator.
      if (error instanceof SecretKeyUnavailableError) return null;
      throw error;
    }
  }

  /**
   * The app a connector signs in with (its own, or the platform default) and the redirect URI registered for it;
   * null when it cannot sign anyone in (no client id, no secret for a confidential app, no platform app).
   */
  credentialsFor(connector: ConnectorEntity, customerSlug: string): AppCredentials | null {
    const credentials = this.clientCredentials(connector);
    if (!credentials) return null;
    const redirectUri = connector.appMode === 'default' ? defaultAppCallbackUrl(this.config.publicUrl) : callbackUrl(this.config.publicUrl, customerSlug);
    return { credentials, redirectUri };
  }

  /** The client id and secret a connector authenticates with at the token endpoint (refresh needs no redirect URI). */
  clientCredentials(connector: ConnectorEntity): AppCredentials['credentials'] | null {
    if (connector.appMode === 'default') {
      const platform = this.config.microsoft.defaultApp;
      return platform ? { clientId: platform.clientId, clientSecret: platform.clientSecret } : null;
    }
    if (!connector.clientId) return null;
    const secret = connector.clientType === 'confidential' ? this.revealClientSecret(connector) : null;
    if (connector.clientType === 'confidential' && !secret) return null;
    return { clientId: connector.clientId, clientSecret: secret };
  }

  /** One save under the connector's row lock: merge the input into the stored connector, write it, read it back. */
  private async save(customerId: string, input: ConnectorInput, em: EntityManager): Promise<ConnectorEntity> {
    const existing = await this.connectors.lockByKind(customerId, OUTLOOK_EMAIL, em);
    const next = mergeConnector(existing, input, this.mergeContext(customerId));
    if (existing) await this.connectors.update(customerId, { id: existing.id }, columns(next), em);
    else await this.connectors.insert(customerId, next, em);
    if (mailNotificationsChanged(existing, next)) await resyncConnectorMailSubscriptions(em, customerId, next.id, next.mailNotificationsEnabled);
    return this.connectors.getById(customerId, next.id, em);
  }

  private mergeContext(customerId: string): MergeContext {
    return {
      customerId,
      graphResource: graphResource(this.config.microsoft.graphUrl),
      defaultAppAvailable: Boolean(this.config.microsoft.defaultApp),
      mailNotificationsAvailable: this.config.mailNotifications.available,
      sealSecret: (secret, connectorId) => this.secrets.encrypt(secret, clientSecretAad(customerId, connectorId)),
      now: new Date(),
    };
  }
}

/** The columns a save may change: never the keys, the tenant or the timestamps TypeORM keeps. */
function columns(entity: ConnectorEntity): Omit<ConnectorEntity, 'id' | 'customerId' | 'customer' | 'createdAt' | 'updatedAt'> {
  const { id: _id, customerId: _c, customer: _cust, createdAt: _created, updatedAt: _updated, ...rest } = entity;
  return rest;
}
