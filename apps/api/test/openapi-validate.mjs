// Run by openapi.e2e-spec.ts in a plain Node process: both validators are (or pull in) ES modules, which jest's
// CommonJS runtime cannot load. Reads { doc, requests, answers } on stdin, writes what each validator found.
import { Validator } from '@seriousme/openapi-schema-validator';
import OpenAPIBackendModule from 'openapi-backend';
// ajv's standard formats (email, uuid, uri, date-time), installed with @seriousme/openapi-schema-validator.
import addFormats from 'ajv-formats';

const OpenAPIBackend = OpenAPIBackendModule.default ?? OpenAPIBackendModule;
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const { doc, requests, answers } = JSON.parse(input);
  const document = await new Validator().validate(structuredClone(doc));
  const api = new OpenAPIBackend({
    definition: doc,
    strict: true,
    validate: true,
    customizeAjv: (ajv) => (addFormats.default ?? addFormats)(ajv, ['email', 'uuid', 'uri', 'date-time']),
  });
  await api.init();
  const check = (e) => {
    const operation = api.matchOperation({ method: e.method, path: e.path, headers: {} });
    if (!operation) return { route: `${e.method} ${e.path}`, error: 'not in the document' };
    return {
      route: `${e.method} ${e.path}`,
      status: e.status,
      request: api.validateRequest({ method: e.method, path: e.path, query: e.query, body: e.body, headers: { 'content-type': 'application/json' } }, operation).errors ?? null,
      answer: e.status === undefined ? null : api.validateResponse(e.answer, operation, e.status).errors ?? null,
    };
  };
  process.stdout.write(JSON.stringify({ document, requests: requests.map(check), answers: answers.map(check) }));
});
