import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..');

/** The library as `npm run build:packages` emits it (tsc with the package's tsconfig), without writing dist/. */
export function compileConnect(): string {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  const source = readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8');
  return ts.transpileModule(source, { compilerOptions: { ...options, declaration: false }, fileName: 'index.ts' }).outputText;
}
