export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface PlatformMicrosoftApp {
  clientId: string;
  clientSecret: string | null;
  tenantId: string;
}

/** The validated, typed configuration. Built once at boot by loadConfig(); nothing else reads process.env. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  publicUrl: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every BullMQ key, so tests and several deployments can share one Redis. */
  queuePrefix: string;
  operatorToken: string;
  /** First key encrypts; every key decrypts (rotation). */
  encryptionKeys: EncryptionKey[];
  apiKeyPepper: Buffer;
  microsoft: {
    loginUrl: string;
    graphUrl: string;
    defaultApp: PlatformMicrosoftApp | null;
  };
  logLevel: string;
  /** Problems found with defaults (development only), logged once at boot. */
  warnings: string[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');
