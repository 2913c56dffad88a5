import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOpenApiFiles } from './openapi-files';
import { REPO_ROOT } from './openapi-render';

/** npm run openapi:check: regenerates into a temp dir and fails when a committed OpenAPI file differs from it. */
async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-check-'));
  try {
    const paths = await writeOpenApiFiles(dir);
    const committed = (path: string) => (existsSync(join(REPO_ROOT, path)) ? readFileSync(join(REPO_ROOT, path), 'utf8') : null);
    const stale = paths.filter((path) => committed(path) !== readFileSync(join(dir, path), 'utf8'));
    if (stale.length === 0) {
      console.log('OpenAPI files are up to date.');
      return 0;
    }
    console.error(`The API's OpenAPI files are stale: ${stale.join(', ')}.\nRun \`npm run openapi:generate\` and commit the result.`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
