import { Module } from '@nestjs/common';
import { ConnectorsRepository } from './connectors.repository';
import { ConnectorsService } from './connectors.service';

@Module({ providers: [ConnectorsRepository, ConnectorsService], exports: [ConnectorsRepository, ConnectorsService] })
export class ConnectorsModule {}
