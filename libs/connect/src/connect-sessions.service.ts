import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, TokenHasher } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ConnectSessionEntity, CustomerEntity } from '@app/database';
import { PAGE_ERRORS } from './connect-page.error';
import { CreateConnectSessionDto } from './dto/create-connect-session.dto';
import { originOfReturnUrl } from './origins';

export const CONNECT_SESSION_PREFIX = 'lk_cs_';
export const CONNECT_SESSION_TTL_MS = 30 * 60_000;

export interface ResolvedSession {
  session: ConnectSessionEntity;
  customer: CustomerEntity;
}

@Injectable()
export class ConnectSessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: TokenHasher,
  ) {}

  catalogUrl(token: string): string {
    return `${this.config.publicUrl}/connect/${token}`;
  }

  async create(customerId: string, dto: CreateConnectSessionDto): Promise<{ token: string; url: string; expiresAt: string; endUserId: string }> {
    const customer = await this.db.getRepository(CustomerEntity).findOneByOrFail({ id: customerId });
    let returnUrl: string | null = null;
    if (dto.returnUrl !== undefined) {
      const origin = originOfReturnUrl(dto.returnUrl);
      if (!origin || !customer.allowedReturnOrigins.includes(origin)) {
        throw new DomainError(
          'RETURN_URL_NOT_ALLOWED',
          origin
            ? `returnUrl's origin ${origin} is not in your allowed return origins. Add it with PUT /v1/settings (allowedReturnOrigins) first.`
            : 'returnUrl must be an absolute https URL (http only for localhost).',
          { errors: [{ field: 'returnUrl', code: 'origin_not_allowed', value: dto.returnUrl, allowed: customer.allowedReturnOrigins, message: 'origin not allowed' }] },
        );
      }
      returnUrl = new URL(dto.returnUrl).toString();
    }
    const token = TokenHasher.generate(CONNECT_SESSION_PREFIX, 32);
    const expiresAt = new Date(Date.now() + CONNECT_SESSION_TTL_MS);
    await this.db.getRepository(ConnectSessionEntity).insert({
      id: randomUUID(),
      customerId,
      tokenHash: this.hasher.hash(token),
      endUserId: dto.endUser.id,
      endUserEmail: dto.endUser.email ?? null,
      endUserDisplayName: dto.endUser.displayName ?? null,
      returnUrl,
      expiresAt,
    });
    return { token, url: this.catalogUrl(token), expiresAt: expiresAt.toISOString(), endUserId: dto.endUser.id };
  }

  /** The session behind a catalog token; a page error when it is unknown or expired. */
  async resolve(token: string): Promise<ResolvedSession> {
    if (!token.startsWith(CONNECT_SESSION_PREFIX) || token.length > 100) throw PAGE_ERRORS.sessionUnknown();
    const session = await this.db.getRepository(ConnectSessionEntity).findOneBy({ tokenHash: this.hasher.hash(token) });
    if (!session) throw PAGE_ERRORS.sessionUnknown();
    const customer = await this.db.getRepository(CustomerEntity).findOneByOrFail({ id: session.customerId });
    if (session.expiresAt.getTime() <= Date.now()) throw PAGE_ERRORS.sessionExpired(customer.name);
    return { session, customer };
  }
}
