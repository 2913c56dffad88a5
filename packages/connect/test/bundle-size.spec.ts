import { gzipSync } from 'node:zlib';
import { compileConnect } from './compile-connect';

/** @latchkey/connect must stay a small, dependency-free ES module: under 3 KB gzipped. */
describe('@latchkey/connect size', () => {
  it('is under 3 KB gzipped and imports nothing', () => {
    const js = compileConnect();
    const gzipped = gzipSync(js, { level: 9 }).length;
    console.log(`@latchkey/connect: ${js.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(3 * 1024);
    expect(js).not.toMatch(/^\s*import\s/m);
    expect(js).toMatch(/export function openConnect/);
  });
});
