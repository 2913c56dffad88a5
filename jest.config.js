// Every tier as a jest project: `npx jest <paths>` runs any spec with its tier's setup, and a project's global setup
// (database, Redis, console build) runs only when one of its suites is selected. `npm run test:<tier>` picks one.
const { unit, e2e, browser } = require('./jest/tiers');

// NestJS 12 and the other packages that ship only ES modules load through Jest's require(esm), which needs Node's VM
// modules: .npmrc turns them on for npm test, npm run test:* and npx jest. Say so instead of failing on every import.
if (typeof require('node:vm').SourceTextModule !== 'function') {
  throw new Error('Jest needs node --experimental-vm-modules: run it through npm (npm test, npm run test:unit, npx jest), which sets it from .npmrc');
}

module.exports = {
  projects: [unit, e2e, browser],
  // Run-wide options: jest ignores them inside a project.
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
