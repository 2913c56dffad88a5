// The three test tiers as jest projects. Unit specs live beside the code (*.spec.ts) and need no services;
// end-to-end suites in apps/<app>/test, libs/<lib>/test and packages/<package>/test (*.e2e-spec.ts) run against Postgres, Redis and the built
// console; browser suites (*.browser.e2e-spec.ts) drive Chromium on top of that.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../tsconfig.json');

const ROOT = require('node:path').join(__dirname, '..');
const BROWSER = '\\.browser\\.e2e-spec\\.ts$';

const base = {
  rootDir: ROOT,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/packages', '<rootDir>/examples'],
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleNameMapper: {
    ...pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
    // The packages' ES module sources import siblings as './x.js' (what Node needs at run time): jest loads the .ts.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/test-env.ts'],
};

// test/ holds the shared helpers and the runtime check (which Node runs the tests).
const unit = { ...base, displayName: 'unit', roots: [...base.roots, '<rootDir>/test'], testRegex: '\\.spec\\.ts$' };

const e2e = {
  ...base,
  displayName: 'e2e',
  testRegex: '\\.e2e-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', BROWSER],
  globalSetup: '<rootDir>/test/global-setup.ts',
};

const browser = { ...base, displayName: 'browser', testRegex: BROWSER, globalSetup: '<rootDir>/test/global-setup.ts' };

module.exports = { unit, e2e, browser };
