// ESLint over every TypeScript tree (apps, the console included, libs, test, bench, migrations, scripts).
// Not type-aware: the rules below need only the syntax, so a lint run takes seconds, not a full type-check
// (`npm run typecheck` does that). Unused exports and files are knip's job (knip.config.ts), run by `npm run lint` too.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const DEEP_IMPORT = {
  group: ['@app/*/**'],
  message: 'Import a lib through its barrel (@app/<lib>), never a file inside it.',
};
const RELATIVE_INTO_LIBS = {
  regex: '^(\\.\\./)+libs(/|$)',
  message: 'Reach a lib through its alias (@app/<lib>), not a relative path into libs/.',
};
const RELATIVE_INTO_APPS = {
  regex: '^(\\.\\./)+apps(/|$)',
  message: 'A lib never imports an app.',
};
// The `globals` package is not installed; these are the Node globals the JavaScript files use.
const NODE_GLOBALS = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', 'process', 'console', 'Buffer', 'setTimeout', 'clearTimeout', 'structuredClone', 'URL', 'fetch'].map((name) => [
    name,
    name === 'module' || name === 'exports' ? 'writable' : 'readonly',
  ]),
);
const restrictImports = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export default defineConfig(
  {
    ignores: ['**/node_modules/**', 'dist/**', 'packages/*/dist/**', 'packages/node/src/generated/openapi.ts', 'coverage/**', 'artifacts/**', 'bench/profiles/**', 'docs/**', 'apps/console/src/api/openapi.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a value dropped on purpose (a secret taken out of an object by destructuring, a type test).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['apps/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts', 'migrations/**/*.ts', 'scripts/**/*.ts'],
    rules: restrictImports(DEEP_IMPORT, RELATIVE_INTO_LIBS),
  },
  {
    files: ['libs/**/*.ts'],
    rules: restrictImports(DEEP_IMPORT, RELATIVE_INTO_APPS),
  },
  {
    // Tests read JSON answers field by field (`res.body.error_codes`): typing every body would buy nothing.
    files: ['test/**/*.ts', '**/test/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain JavaScript run by Node: jest configs, the summary reporter, the benchmark's profiler hook, a validator.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
