import { BadRequestException, Logger } from '@nestjs/common';
import { DomainError } from './domain.error';
import { ProblemDetailsFilter } from './problem-details.filter';

function fakeHost() {
  const sent: { status?: number; body?: string; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader: (n: string, v: string) => (sent.headers[n] = v),
    set statusCode(code: number) {
      sent.status = code;
    },
    end(body: string) {
      sent.body = body;
    },
  };
  const req = { originalUrl: '/v1/x?secret=1', id: 'req-1' };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) };
  return { host: host as never, sent };
}

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();
  beforeAll(() => Logger.overrideLogger(false));

  it('turns an unexpected error into a 500 with an errorId, no internals', () => {
    const { host, sent } = fakeHost();
    filter.catch(new Error('db password is hunter2'), host);
    const body = JSON.parse(sent.body!);
    expect(sent.status).toBe(500);
    expect(body).toMatchObject({ code: 'INTERNAL_ERROR', status: 500, requestId: 'req-1', instance: '/v1/x' });
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.body).not.toContain('hunter2');
  });

  it('maps domain codes to statuses and passes headers', () => {
    const { host, sent } = fakeHost();
    filter.catch(new DomainError('INVALID_API_KEY', 'nope', { headers: { 'WWW-Authenticate': 'Bearer' } }), host);
    expect(sent.status).toBe(401);
    expect(sent.headers['WWW-Authenticate']).toBe('Bearer');
    expect(JSON.parse(sent.body!).code).toBe('INVALID_API_KEY');
  });

  it('maps framework HTTP exceptions to coded problems', () => {
    const { host, sent } = fakeHost();
    filter.catch(new BadRequestException('bad'), host);
    expect(sent.status).toBe(400);
    expect(JSON.parse(sent.body!)).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'bad' });
  });
});
