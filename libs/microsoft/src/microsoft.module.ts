import { Module } from '@nestjs/common';
import { GraphSubscriptionsClient } from './graph-subscriptions.client';
import { MicrosoftIdentityClient } from './microsoft-identity.client';

@Module({ providers: [MicrosoftIdentityClient, GraphSubscriptionsClient], exports: [MicrosoftIdentityClient, GraphSubscriptionsClient] })
export class MicrosoftModule {}
