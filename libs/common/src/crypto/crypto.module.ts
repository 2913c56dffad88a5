import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PasswordHasher } from './password-hasher';
import { SecretBox } from './secret-box';
import { TokenHasher } from './token-hasher';

@Global()
@Module({
  providers: [
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new SecretBox(c.encryptionKeys) },
    { provide: TokenHasher, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new TokenHasher(c.apiKeyPepper) },
    PasswordHasher,
  ],
  exports: [SecretBox, TokenHasher, PasswordHasher],
})
export class CryptoModule {}
