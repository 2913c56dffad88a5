import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConnectorEntity, TenantRepository } from '@app/database';

/** The refresh's writes to a connector: the misconfiguration flag that stops its refreshes, and lifting it. */
@Injectable()
export class ConnectorFlagsRepository extends TenantRepository<ConnectorEntity> {
  constructor(@InjectDataSource() db: DataSource) {
    super(db, ConnectorEntity);
  }

  /** Microsoft refused the app: `connectionId` is the connection whose refresh showed it (the save re-checks it first). */
  async flag(customerId: string, connectorId: string, flag: { code: string; reason: string; connectionId: string }): Promise<void> {
    await this.update(
      customerId,
      { id: connectorId },
      { misconfiguredAt: new Date(), misconfiguredCode: flag.code, misconfiguredReason: flag.reason, misconfiguredConnectionId: flag.connectionId },
    );
  }

  async lift(customerId: string, connectorId: string): Promise<void> {
    await this.update(customerId, { id: connectorId }, { misconfiguredAt: null, misconfiguredCode: null, misconfiguredReason: null, misconfiguredConnectionId: null });
  }
}
