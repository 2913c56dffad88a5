// `npm run`, `npm test` and `npm start` take Node.js from the pinned node-linux-* package (node_modules/.bin/node comes
// first on their PATH), the Docker image is node:26, and engines.node says 26: this fails when any of them drifts, or
// when a platform without that package runs the tests on an older system Node.
describe('runtime', () => {
  it('is the Node.js 26 LTS line', () => {
    expect(process.versions.node).toMatch(/^26\./);
  });
});
