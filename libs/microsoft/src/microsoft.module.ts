import { Module } from '@nestjs/common';
import { MicrosoftIdentityClient } from './microsoft-identity.client';

@Module({ providers: [MicrosoftIdentityClient], exports: [MicrosoftIdentityClient] })
export class MicrosoftModule {}
