import { connect } from 'node:net';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { ERROR_STATUS } from '@app/common';
import { createCustomer, createTestApp, OPERATOR_AUTH, TestApp } from '../../../test/create-test-app';
import { fetchDocument, fieldsOf, Operation, operationsOf, sampleOf, withField } from './openapi-helpers';

const TABLES = ['customers', 'members', 'api_keys', 'connectors', 'connect_sessions', 'connect_attempts', 'connections', 'console_sessions'];
const PATH_SAMPLES: Record<string, string> = { token: 'lk_inv_fuzz', endUserId: 'fuzz-user' };
const UUID = '6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f';

interface Sent {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
}

/**
 * Every operation of the OpenAPI document, read at runtime, gets each class of bad input the fuzzer found: a 4xx
 * problem answer every time, never a 5xx, and the stored rows unchanged afterwards.
 */
describe('Fuzzing every documented operation (e2e)', () => {
  let t: TestApp;
  let key: string;
  let doc: OpenAPIObject;
  let operations: Operation[];
  let before: string;

  const snapshot = async (): Promise<string> => {
    const parts: string[] = [];
    for (const table of TABLES) {
      // last_used_at is API-key bookkeeping of a successful authentication, not data the request changed.
      const [row] = await t.db.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at')::text, ',' ORDER BY (to_jsonb(t) - 'last_used_at')::text), '')) AS h FROM ${table} t`);
      parts.push(`${table}:${row.n}:${row.h}`);
    }
    return parts.join(' ');
  };

  const urlOf = (op: Operation, override: Record<string, string> = {}, query = ''): string =>
    op.path.replace(/\{(\w+)\}/g, (_m, name: string) => override[name] ?? encodeURIComponent(PATH_SAMPLES[name] ?? UUID)) + query;

  const send = (op: Operation, req: Sent): Promise<Response> => {
    let r = t.http()[op.method](req.url);
    if (op.security.includes('apiKey')) r = r.set('Authorization', `Bearer ${key}`);
    if (op.security.includes('operator')) r = r.set('Authorization', OPERATOR_AUTH);
    if (req.body === undefined) return r;
    return r.set('Content-Type', req.contentType ?? 'application/json').send(req.body);
  };

  /** Runs every request, returns a line per answer that is not a 4xx problem (or fails `extra`). */
  const expectProblems = async (
    cases: Array<{ op: Operation; req: Sent; label: string; extra?: (res: Response) => string | null }>,
  ): Promise<string[]> => {
    const failures: string[] = [];
    for (const { op, req, label, extra } of cases) {
      const res = await send(op, req);
      const problem =
        res.status >= 400 && res.status < 500 && String(res.headers['content-type']).includes('application/problem+json') && res.body.code in ERROR_STATUS;
      const why = problem ? extra?.(res) : `answered ${res.status} ${String(res.text).slice(0, 120)}`;
      if (why) failures.push(`${op.method.toUpperCase()} ${req.url.slice(0, 80)} (${label}): ${why}`);
    }
    return failures;
  };

  // class-validator names an array for a bad element (scopes, not scopes.0); the string check names the element.
  const namesField = (field: string) => (res: Response) =>
    res.status === 400 && res.body.code === 'VALIDATION_FAILED' && res.body.errors?.some((e: { field: string }) => [field, field.replace(/\.\d+$/, '')].includes(e.field))
      ? null
      : `expected 400 naming ${field}, got ${res.status} ${JSON.stringify(res.body.errors ?? res.body.code)}`;

  const bodyOps = () => operations.filter((op) => op.body);
  const bodyFieldCases = (label: string, value: (path: string) => unknown, expectField: boolean, skip?: (nullable: boolean) => boolean) =>
    bodyOps().flatMap((op) => {
      const sample = sampleOf(doc, op.body!);
      return fieldsOf(doc, op.body!)
        .filter(({ schema }) => !skip?.(schema.nullable === true))
        .map(({ path }) => ({
          op,
          label: `${label} in ${path}`,
          req: { method: op.method, url: urlOf(op), body: JSON.stringify(withField(sample, path, value(path))) },
          extra: expectField ? namesField(path) : undefined,
        }));
    });

  beforeAll(async () => {
    t = await createTestApp();
    ({ key } = await createCustomer(t));
    const auth = { Authorization: `Bearer ${key}` };
    await t.http().put('/v1/settings').set(auth).send({ allowedReturnOrigins: ['https://app.example.com'] }).expect(200);
    await t.http().put('/v1/connectors/outlook-email').set(auth).send({ clientId: '0b8f3c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b', clientSecret: 'the-original-secret' }).expect(200);
    doc = await fetchDocument(t);
    operations = operationsOf(doc);
    before = await snapshot();
  });
  afterEach(async () => expect(await snapshot()).toBe(before));
  afterAll(() => t.close());

  it('found the operations to fuzz in the document', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(bodyOps().map((op) => `${op.method} ${op.path}`)).toEqual(
      expect.arrayContaining(['post /v1/api-keys', 'put /v1/connectors/outlook-email', 'post /v1/connect-sessions', 'post /v1/console/sign-in']),
    );
  });

  it('refuses a body nested 10,000 levels deep with 400 on every route with a body', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const arrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const cases = bodyOps().flatMap((op) =>
      [deep, arrays].map((body) => ({ op, label: 'deep nesting', req: { method: op.method, url: urlOf(op), body }, extra: namesField('') })),
    );
    expect(await expectProblems(cases)).toEqual([]);
  });

  it('refuses a NUL character in every body field, naming the field', async () => {
    expect(await expectProblems(bodyFieldCases('NUL', () => 'a\u0000b', true))).toEqual([]);
  });

  it('refuses a lone surrogate in every body field, naming the field', async () => {
    const cases = bodyFieldCases('lone surrogate', () => '\ud800', true);
    // JSON.stringify escapes a lone surrogate as \ud800, exactly what a fuzzer sends.
    expect(cases[0].req.body).toContain('\\ud800');
    expect(await expectProblems(cases)).toEqual([]);
  });

  it('refuses null for every non-nullable body field', async () => {
    expect(await expectProblems(bodyFieldCases('null', () => null, true, (nullable) => nullable))).toEqual([]);
  });

  it('refuses huge strings in every body field', async () => {
    expect(await expectProblems(bodyFieldCases('huge string', () => 'x'.repeat(20_000), false))).toEqual([]);
  });

  it('refuses NUL and undecodable bytes in every path and query parameter, naming it', async () => {
    const cases = operations.flatMap((op) => [
      ...op.pathParams.flatMap((name) => [
        { op, label: `NUL in ${name}`, req: { method: op.method, url: urlOf(op, { [name]: 'a%00b' }) }, extra: namesField(name) },
        { op, label: `bad UTF-8 in ${name}`, req: { method: op.method, url: urlOf(op, { [name]: '%ED%A0%80' }) } },
      ]),
      ...op.queryParams.map((name) => ({ op, label: `NUL in ${name}`, req: { method: op.method, url: urlOf(op, {}, `?${name}=%00`) }, extra: namesField(name) })),
    ]);
    expect(cases.length).toBeGreaterThan(15);
    expect(await expectProblems(cases)).toEqual([]);
  });

  it('answers 415 to a body that is not JSON on every route that takes one', async () => {
    const types = ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded'];
    const cases = bodyOps().flatMap((op) =>
      types.map((contentType) => ({
        op,
        label: contentType,
        req: { method: op.method, url: urlOf(op), contentType, body: JSON.stringify(sampleOf(doc, op.body!)) },
        extra: (res: Response) => (res.status === 415 && res.body.code === 'UNSUPPORTED_MEDIA_TYPE' ? null : `expected 415, got ${res.status}`),
      })),
    );
    expect(await expectProblems(cases)).toEqual([]);
  });

  it('keeps a POST without a body working where it did', async () => {
    const res = await t.http().post('/v1/api-keys').set('Authorization', `Bearer ${key}`).set('Content-Length', '0');
    expect(res.status).toBe(201);
    expect((await t.http().delete(`/v1/api-keys/${res.body.id}`).set('Authorization', `Bearer ${key}`)).status).toBeLessThan(300);
    before = await snapshot(); // the key above is the one intended change
  });

  it('answers 404 problems for missing or odd console assets', async () => {
    for (const name of ['nope.js', '%ff', '..%2f..%2fpackage.json', `${'a'.repeat(5000)}.js`, '%00.js']) {
      const res = await t.http().get(`/console/assets/${name}`);
      expect({ name, status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({
        name,
        status: 404,
        type: expect.stringContaining('application/problem+json'),
        code: 'NOT_FOUND',
      });
    }
  });

  it('answers a request head over 16 KB with a 431 problem', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    const raw = await new Promise<string>((done, fail) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET /v1/api-keys HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => done(text));
      socket.on('error', fail);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'REQUEST_HEADERS_TOO_LARGE' });
  });
});
