import { Module } from '@nestjs/common';
import { ConnectorsRepository } from './connectors.repository';
import { ConnectorsService } from './connectors.service';
import { SecretExpiryNotices } from './secret-expiry-notices.service';

@Module({ providers: [ConnectorsRepository, ConnectorsService, SecretExpiryNotices], exports: [ConnectorsRepository, ConnectorsService, SecretExpiryNotices] })
export class ConnectorsModule {}
