import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The committed OpenAPI files, relative to the repository root: the document and the types made from it. */
export const OPENAPI_FILES = {
  document: 'docs/openapi.json',
  consoleTypes: 'apps/console/src/api/openapi.d.ts',
  // A .ts, not a .d.ts: tsc copies it into the published package's declarations (it emits no JavaScript).
  nodeSdkTypes: 'packages/node/src/generated/openapi.ts',
} as const;

export const REPO_ROOT = join(__dirname, '..');

const TYPES_HEADER = `/**
 * Generated from ${OPENAPI_FILES.document} by openapi-typescript: do not edit. Run \`npm run openapi:generate\`.
 */

`;

/** The committed files' contents for a document, keyed by their paths in OPENAPI_FILES. */
export async function renderOpenApiFiles(document: OpenAPIObject): Promise<Record<string, string>> {
  // Loaded on use: openapi-typescript needs Node's require(esm), which jest's module runtime lacks (tests run this file).
  // Its CommonJS typings (index.d.cts, what TypeScript 6 resolves for a require) hide the named exports behind
  // `export =`; the module has them, and its ES module typings say so.
  const { default: openapiTS, astToString } = (await import('openapi-typescript')) as unknown as typeof import('openapi-typescript/dist/index.mjs');
  const types = astToString(await openapiTS(document as never, { silent: true }));
  return {
    [OPENAPI_FILES.document]: `${JSON.stringify(document, null, 2)}\n`,
    [OPENAPI_FILES.consoleTypes]: TYPES_HEADER + types,
    [OPENAPI_FILES.nodeSdkTypes]: TYPES_HEADER + types,
  };
}

async function renderStdin(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdout.write(JSON.stringify(await renderOpenApiFiles(JSON.parse(Buffer.concat(chunks).toString()) as OpenAPIObject)));
}

// As a program (how the e2e test renders outside jest): a document on stdin, the files as JSON on stdout.
if (require.main === module) {
  renderStdin().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
