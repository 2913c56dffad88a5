import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { clientSecretAad, DomainError, FieldError, SecretBox, SecretKeyUnavailableError } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ConnectorEntity } from '@app/database';
import { graphResource } from '@app/microsoft';
import { callbackUrl } from './callback-url';
import { defaultAppCallbackUrl, toConnectorView, ConnectorView } from './connector.view';
import { PutOutlookEmailConnectorDto } from './dto/put-outlook-email-connector.dto';
import { DEFAULT_OUTLOOK_SCOPES } from './outlook-email.scopes';
import { normalizeScopes } from './scope-policy';
import { normalizeTenant } from './tenant-policy';

export const OUTLOOK_EMAIL = 'outlook-email';

export interface AppCredentials {
  credentials: { clientId: string; clientSecret: string | null };
  redirectUri: string;
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


@Injectable()
export class ConnectorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: SecretBox,
  ) {}

  async find(customerId: string, kind = OUTLOOK_EMAIL, em: EntityManager = this.db.manager): Promise<ConnectorEntity | null> {
    return em.getRepository(ConnectorEntity).findOneBy({ customerId, kind });
  }

  /** The connector as the customer sees it; an unsaved one shows defaults and the callback URL to register. */
  async view(customerId: string, customerSlug: string): Promise<ConnectorView> {
    const entity = await this.find(customerId);
    const missing = entity ? await this.connectionsMissingScopes(customerId, entity.id) : 0;
    return toConnectorView(entity ?? this.defaults(customerId), customerSlug, this.config, entity !== null, missing);
  }

  /** How many active connections of the connector lack a scope it asks for (the connector view shows the count). */
  private async connectionsMissingScopes(customerId: string, connectorId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM connections WHERE customer_id = $1 AND connector_id = $2 AND status = 'active' AND cardinality(missing_scopes) > 0`,
      [customerId, connectorId],
    );
    return row.n;
  }

  async put(customerId: string, customerSlug: string, dto: PutOutlookEmailConnectorDto): Promise<ConnectorView> {
    for (let attempt = 0; ; attempt++) {
      try {
        const entity = await this.db.transaction(async (em) => {
          const existing = await em
            .getRepository(ConnectorEntity)
            .createQueryBuilder('c')
            .setLock('pessimistic_write')
            .where('c.customer_id = :customerId AND c.kind = :kind', { customerId, kind: OUTLOOK_EMAIL })
            .getOne();
          const next = this.merge(customerId, existing, dto);
          if (existing) await em.update(ConnectorEntity, { id: existing.id, customerId }, this.columns(next));
          else await em.insert(ConnectorEntity, next);
          return em.findOneByOrFail(ConnectorEntity, { id: next.id, customerId });
        });
        return toConnectorView(entity, customerSlug, this.config, true, await this.connectionsMissingScopes(customerId, entity.id));
      } catch (error) {
        // Two first saves raced on the (customer, kind) unique key: the loser retries as an update.
        const unique = error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505';
        if (!unique || attempt > 0) throw error;
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

  private defaults(customerId: string): ConnectorEntity {
    return Object.assign(new ConnectorEntity(), {
      id: randomUUID(),
      customerId,
      kind: OUTLOOK_EMAIL,
      appMode: 'private',
      clientId: null,
      clientType: 'confidential',
      clientSecretEncrypted: null,
      clientSecretHint: null,
      clientSecretUpdatedAt: null,
      clientSecretExpiresAt: null,
      tenant: 'common',
      scopes: [...DEFAULT_OUTLOOK_SCOPES],
      displayName: 'Outlook Email',
      description: 'Connect your Microsoft 365 or Outlook.com mailbox.',
      logoUrl: null,
      enabled: true,
      multipleAccounts: false,
      misconfiguredAt: null,
      misconfiguredCode: null,
      misconfiguredReason: null,
      misconfiguredConnectionId: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    } satisfies ConnectorEntity);
  }

  private merge(customerId: string, existing: ConnectorEntity | null, dto: PutOutlookEmailConnectorDto): ConnectorEntity {
    const next = Object.assign(new ConnectorEntity(), existing ?? this.defaults(customerId));
    const errors: FieldError[] = [];
    if (dto.appMode !== undefined) next.appMode = dto.appMode;
    if (dto.clientType !== undefined) next.clientType = dto.clientType;
    if (dto.clientId !== undefined) next.clientId = dto.clientId === null ? null : dto.clientId.toLowerCase();
    if (dto.tenant !== undefined) next.tenant = normalizeTenant(dto.tenant);
    if (dto.scopes !== undefined || !existing || dto.tenant !== undefined) {
      next.scopes = normalizeScopes(dto.scopes ?? next.scopes, next.tenant, graphResource(this.config.microsoft.graphUrl));
    }
    if (dto.displayName !== undefined) next.displayName = dto.displayName.trim();
    if (dto.description !== undefined) next.description = dto.description;
    if (dto.logoUrl !== undefined) next.logoUrl = dto.logoUrl;
    if (dto.enabled !== undefined) next.enabled = dto.enabled;
    if (dto.multipleAccounts !== undefined) next.multipleAccounts = dto.multipleAccounts;
    if (dto.clientSecretExpiresAt !== undefined) {
      next.clientSecretExpiresAt = dto.clientSecretExpiresAt === null ? null : new Date(dto.clientSecretExpiresAt);
    }

    if (dto.clientSecret !== undefined) {
      if (dto.clientSecret === null) {
        next.clientSecretEncrypted = null;
        next.clientSecretHint = null;
        next.clientSecretUpdatedAt = new Date();
      } else {
        const secret = dto.clientSecret.trim();
        if (next.clientType === 'public') {
          throw new DomainError(
            'CLIENT_SECRET_NOT_ALLOWED',
            'A public client (registered under "Mobile and desktop applications") signs in with PKCE only; Microsoft refuses a secret from it (AADSTS700025). Remove clientSecret or set clientType to "confidential".',
            { errors: [{ field: 'clientSecret', code: 'not_allowed_for_public_client', message: 'Public clients have no client secret' }] },
          );
        }
        if (GUID.test(secret)) {
          errors.push({
            field: 'clientSecret',
            code: 'secret_id_not_value',
            message: 'This looks like the Secret ID (a GUID). Paste the secret\'s Value column from "Certificates & secrets" instead; Microsoft would refuse the ID with AADSTS7000215.',
          });
        } else if (secret === '' || /\s/.test(secret)) {
          errors.push({ field: 'clientSecret', code: 'invalid_secret', message: 'clientSecret must not be empty or contain spaces' });
        } else {
          next.clientSecretEncrypted = this.secrets.encrypt(secret, clientSecretAad(customerId, next.id));
          next.clientSecretHint = secret.slice(-4);
          next.clientSecretUpdatedAt = new Date();
        }
      }
    }

    if (next.appMode === 'default' && !this.config.microsoft.defaultApp) {
      throw new DomainError(
        'DEFAULT_APP_UNAVAILABLE',
        'This Latchkey installation has no default Microsoft app (MICROSOFT_CLIENT_ID is not set). Use appMode "private" with your own Azure app.',
        { errors: [{ field: 'appMode', code: 'default_app_unavailable', message: 'No platform default app is configured' }] },
      );
    }
    if (next.appMode === 'private') {
      if (!next.clientId) {
        errors.push({ field: 'clientId', code: 'required', message: 'clientId is required for a private app: copy the Application (client) ID from the Azure app overview' });
      }
      if (next.clientType === 'confidential' && !next.clientSecretEncrypted && !errors.some((e) => e.field === 'clientSecret')) {
        throw new DomainError(
          'CLIENT_SECRET_REQUIRED',
          'A confidential app needs its client secret: in Azure, open "Certificates & secrets", create a secret and paste its Value. Or set clientType to "public" if the redirect URI is registered under "Mobile and desktop applications".',
          { errors: [...errors, { field: 'clientSecret', code: 'required', message: 'clientSecret is required for a confidential client' }] },
        );
      }
    }
    if (errors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { errors });
    }
    // A misconfiguration flag stays through the save: TokenRefresher.recheckCredentials lifts it once Microsoft
    // accepts the new settings, so the sweeper does not pick these connections before that.
    return next;
  }

  private columns(entity: ConnectorEntity): Partial<ConnectorEntity> {
    const { id: _id, customerId: _c, customer: _cust, createdAt: _created, updatedAt: _updated, ...rest } = entity;
    return rest;
  }
}
