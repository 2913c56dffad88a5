import type { KnipConfig } from 'knip';

// Unused files, exports and dependencies, which ESLint cannot see across modules. Run by `npm run lint`.
const config: KnipConfig = {
  entry: [
    'apps/{api,worker,microsoft-emulator}/src/main.ts',
    'apps/api/src/migrate.ts',
    // Tests and the sandbox start the emulator in process.
    'apps/microsoft-emulator/src/index.ts',
    'migrations/*.ts',
    'bench/{token-endpoint,refresh-capacity,baseline-server,profile-summary}.ts',
    // Preloaded with `node -r` into a profiled benchmark process.
    'bench/cpu-profile-hook.js',
    'scripts/*.ts',
    // Named as strings in jest/tiers.js and jest.config.js.
    'test/global-setup.ts',
    'test/summary-reporter.js',
    'jest/tiers.js',
    '**/*.spec.ts',
    '**/*.e2e-spec.ts',
    // Run by openapi.e2e-spec.ts as a child process (ES modules jest cannot load).
    'apps/api/test/openapi-validate.mjs',
    // Compiled by `npm run typecheck` only: they prove what must not compile.
    '**/*.type-test.ts',
    // The client libraries: what a package exports is its public API, used by customers, not by this repository.
    'packages/{node,connect}/src/index.ts',
  ],
  // The console's entry (index.html, then src/main.tsx) comes from knip's vite plugin reading apps/console/vite.config.ts.
  project: [
    'apps/**/*.{ts,tsx,js,mjs}',
    'libs/**/*.ts',
    'test/**/*.{ts,js}',
    'bench/**/*.{ts,js}',
    'migrations/**/*.ts',
    'scripts/**/*.ts',
    'jest/**/*.js',
    'packages/*/{src,test}/**/*.ts',
    'packages/*/*.mjs',
    'examples/**/*.{js,mjs,ts}',
  ],
  // Generated from the OpenAPI document.
  ignore: ['apps/console/src/api/openapi.d.ts', 'packages/node/src/generated/openapi.ts'],
  // The jest plugin would make every moduleNameMapper target (each lib's barrel) an entry, whose exports knip never
  // reports; the specs and setup files are entries above instead.
  jest: false,
  // scripts/start.sh runs `npx concurrently`; knip does not read shell scripts.
  ignoreDependencies: ['concurrently'],
  // test/processes.ts starts a private redis-server from the system, not from node_modules.
  ignoreBinaries: ['redis-server'],
};

export default config;
