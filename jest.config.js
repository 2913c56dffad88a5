// Every tier as a jest project: `npx jest <paths>` runs any spec with its tier's setup, and a project's global setup
// (database, Redis, console build) runs only when one of its suites is selected. `npm run test:<tier>` picks one.
const { unit, e2e, browser } = require('./jest/tiers');

module.exports = {
  projects: [unit, e2e, browser],
  // Run-wide options: jest ignores them inside a project.
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
