import { ServiceUnavailableException } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { DomainError } from './domain.error';
import { logUnexpected, toProblem, writeProblem } from './problem-writer';

/** The slice of a node:http ServerResponse the writer uses, recording what was written. */
function fakeResponse(headersSent = false) {
  const written = { status: 0, headers: {} as Record<string, string | number>, body: undefined as string | undefined, ended: false };
  const res = {
    headersSent,
    set statusCode(code: number) {
      written.status = code;
    },
    setHeader(name: string, value: string | number) {
      written.headers[name.toLowerCase()] = value;
    },
    end(body?: string) {
      written.body = body;
      written.ended = true;
    },
  };
  return { res: res as unknown as ServerResponse, written, json: () => JSON.parse(written.body!) };
}

const fakeLogger = () => ({ error: jest.fn() });

describe('writeProblem', () => {
  it('a DomainError with retryAfterSeconds: Retry-After rounded up, the seconds in the body once, no headers in it', () => {
    const { res, written, json } = fakeResponse();
    const logger = fakeLogger();
    const error = new DomainError('MICROSOFT_UNAVAILABLE', 'later', { retryAfterSeconds: 29.2, headers: { 'Retry-After': '29' } });
    writeProblem(res, error, { url: '/v1/connections/x/token?minValidity=60', requestId: 'req-7', logger });
    expect(written.status).toBe(503);
    expect(written.headers['retry-after']).toBe('30');
    expect(written.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(written.headers['content-length']).toBe(Buffer.byteLength(written.body!));
    expect(json()).toEqual({
      type: 'urn:latchkey:error:microsoft-unavailable',
      title: 'Microsoft is unavailable',
      status: 503,
      detail: 'later',
      code: 'MICROSOFT_UNAVAILABLE',
      retryAfterSeconds: 29.2,
      instance: '/v1/connections/x/token',
      requestId: 'req-7',
    });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('no Retry-After without a positive retryAfterSeconds; other extras headers (WWW-Authenticate) are set', () => {
    const { res, written } = fakeResponse();
    writeProblem(res, new DomainError('INVALID_API_KEY', 'nope', { headers: { 'WWW-Authenticate': 'Bearer realm="latchkey"' }, retryAfterSeconds: 0 }), {
      logger: fakeLogger(),
    });
    expect(written.status).toBe(401);
    expect(written.headers['www-authenticate']).toBe('Bearer realm="latchkey"');
    expect(written.headers).not.toHaveProperty('retry-after');
  });

  it('an unknown error: 500 with an errorId that is logged once, with the stack, and returned; no internals', () => {
    const { res, written, json } = fakeResponse();
    const logger = fakeLogger();
    const error = new Error('db password is hunter2');
    writeProblem(res, error, { url: '/v1/x', requestId: 'req-1', logger });
    const body = json();
    expect(written.status).toBe(500);
    expect(body).toMatchObject({ code: 'INTERNAL_ERROR', status: 500, instance: '/v1/x', requestId: 'req-1' });
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(written.body).not.toContain('hunter2');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith({ err: error, errorId: body.errorId, requestId: 'req-1' }, `Unhandled error ${body.errorId}`);
  });

  it('an HttpException 503 from terminus keeps its checks', () => {
    const { res, written, json } = fakeResponse();
    const result = { status: 'error', info: {}, error: { redis: { status: 'down' } }, details: { redis: { status: 'down' } } };
    writeProblem(res, new ServiceUnavailableException(result), { logger: fakeLogger() });
    expect(written.status).toBe(503);
    expect(json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: 'A dependency is not healthy; see checks.', checks: result });
  });

  it('a client error with expose (http-errors from Express middleware) keeps its status; without expose it is a 500', () => {
    const notFound = fakeResponse();
    writeProblem(notFound.res, Object.assign(new Error('gone'), { status: 404, expose: true }), { logger: fakeLogger() });
    expect(notFound.written.status).toBe(404);
    expect(notFound.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'Not found' });

    const hidden = fakeResponse();
    writeProblem(hidden.res, Object.assign(new Error('internal'), { status: 404, expose: false }), { logger: fakeLogger() });
    expect(hidden.written.status).toBe(500);
  });

  it('writes nothing once headers are sent, but still logs an unexpected error', () => {
    const { res, written } = fakeResponse(true);
    const logger = fakeLogger();
    writeProblem(res, new Error('late'), { logger });
    expect(written).toEqual({ status: 0, headers: {}, body: undefined, ended: false });
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});

describe('toProblem', () => {
  it('keeps field errors and drops extras headers from the body', () => {
    const problem = toProblem(DomainError.invalidField('scopes', 'invalid', 'bad scope'));
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'scopes', code: 'invalid', message: 'bad scope' }] });
    expect(toProblem(new DomainError('UNAUTHENTICATED', 'x', { headers: { 'WWW-Authenticate': 'Bearer' } }))).not.toHaveProperty('headers');
  });
});

describe('logUnexpected', () => {
  it('logs one line naming the error id it returns', () => {
    const logger = fakeLogger();
    const error = new Error('boom');
    const errorId = logUnexpected(logger, error, 'Hosted page failed');
    expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logger.error).toHaveBeenCalledWith({ err: error, errorId }, `Hosted page failed ${errorId}`);
  });
});
