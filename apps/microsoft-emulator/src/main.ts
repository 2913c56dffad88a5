import { startEmulator, type RunningEmulator } from './index';
import type { EmulatorAppRegistration } from './state';

export const SANDBOX_DEFAULT_CLIENT_ID = '00000000-0000-4000-8000-00000000a11c';

export interface SandboxConfig {
  port: number;
  host: string;
  publicUrl?: string;
  testMode: boolean;
  defaultApp: EmulatorAppRegistration;
  callbackRewrites: Array<{ from: string; to: string }>;
}

/** EMULATOR_CALLBACK_REWRITES: `from=to` pairs separated by commas, each an absolute http(s) URL prefix. */
function callbackRewrites(value: string | undefined): Array<{ from: string; to: string }> {
  return (value ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const [from, to, ...rest] = pair.split('=').map((s) => s.trim());
      if (rest.length || !/^https?:\/\/[^/]/.test(from ?? '') || !/^https?:\/\/[^/]/.test(to ?? '')) {
        throw new Error(`EMULATOR_CALLBACK_REWRITES: "${pair}" is not "http://from-prefix=http://to-prefix"`);
      }
      return { from, to };
    });
}

/** Reads the runner's environment. Throws when NODE_ENV=production: the emulator must never stand in for Microsoft there. */
export function sandboxConfigFromEnv(env: NodeJS.ProcessEnv): SandboxConfig {
  if ((env.NODE_ENV ?? '').toLowerCase() === 'production') {
    throw new Error('The Microsoft emulator refuses to start with NODE_ENV=production.');
  }
  const mode = (env.EMULATOR_MODE ?? 'sandbox').toLowerCase();
  if (mode !== 'sandbox' && mode !== 'test') throw new Error(`EMULATOR_MODE must be 'sandbox' or 'test', not '${env.EMULATOR_MODE}'.`);
  const port = Number(env.EMULATOR_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`EMULATOR_PORT is not a port: ${env.EMULATOR_PORT}`);
  const redirectUris = (env.EMULATOR_DEFAULT_REDIRECT_URIS ?? 'http://localhost:3000/oauth/callback')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    port,
    host: env.EMULATOR_HOST || '127.0.0.1',
    publicUrl: env.EMULATOR_PUBLIC_URL || undefined,
    testMode: mode === 'test',
    callbackRewrites: callbackRewrites(env.EMULATOR_CALLBACK_REWRITES),
    defaultApp: {
      clientId: env.EMULATOR_DEFAULT_CLIENT_ID || SANDBOX_DEFAULT_CLIENT_ID,
      clientSecret: env.EMULATOR_DEFAULT_CLIENT_SECRET || 'sandbox-secret',
      redirectUris,
      clientType: 'confidential',
      displayName: 'Sandbox default app',
    },
  };
}

export async function runSandbox(env: NodeJS.ProcessEnv = process.env): Promise<RunningEmulator> {
  const config = sandboxConfigFromEnv(env);
  return startEmulator({
    port: config.port,
    host: config.host,
    publicUrl: config.publicUrl,
    testMode: config.testMode,
    controlApi: true,
    apps: [config.defaultApp],
    callbackRewrites: config.callbackRewrites,
    onNotification: (a) =>
      console.log(`Microsoft emulator: ${a.kind} POST ${a.url} -> ${a.status ?? a.outcome} in ${a.durationMs} ms${a.items?.length ? ` (${a.items.length} item(s))` : ''}`),
  });
}

if (require.main === module) {
  runSandbox()
    .then((emulator) => {
      console.log(
        `Microsoft emulator (test double — not Microsoft) listening on ${emulator.url} [mode: ${emulator.testMode ? 'test' : 'sandbox'}]`,
      );
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`Microsoft emulator: ${signal} received, shutting down`);
        emulator.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
        setTimeout(() => process.exit(0), 5000).unref();
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    })
    .catch((error: unknown) => {
      console.error(`Microsoft emulator failed to start: ${(error as Error).message}`);
      process.exit(1);
    });
}
