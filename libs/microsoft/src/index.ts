export * from './microsoft-errors';
export * from './aadsts-explanations';
export * from './pkce';
export * from './graph-resource';
export * from './microsoft-identity.client';
export * from './microsoft.module';
export * from './graph-subscriptions.client';
