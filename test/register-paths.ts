import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../tsconfig.json';

// jest's moduleNameMapper does not apply to globalSetup: imported first there, this resolves the @app/* aliases.
register({ baseUrl: join(__dirname, '..'), paths: compilerOptions.paths });
