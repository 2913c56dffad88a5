import { writeOpenApiFiles } from './openapi-files';
import { REPO_ROOT } from './openapi-render';

/** npm run openapi:generate: writes the OpenAPI document and the console's types generated from it. */
writeOpenApiFiles(REPO_ROOT).then(
  (paths) => console.log(`wrote ${paths.join(', ')}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
