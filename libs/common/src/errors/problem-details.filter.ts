import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError, FieldError } from './domain.error';
import { ERROR_STATUS, ERROR_TITLES, ErrorCode } from './error-code';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errorId?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The one place where errors become HTTP answers: RFC 9457 problem details with a stable `code`.
 * Anything unexpected is a 500 whose `errorId` is logged with the stack, so support can find it.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const problem = this.toProblem(exception);
    problem.instance = req.originalUrl?.split('?')[0];
    if (req.id) problem.requestId = String(req.id);
    if (problem.status >= 500 && problem.code === 'INTERNAL_ERROR') {
      problem.errorId = randomUUID();
      this.logger.error(
        { err: exception, errorId: problem.errorId, requestId: problem.requestId },
        `Unhandled error ${problem.errorId}`,
      );
    }
    if (res.headersSent) return;
    if (exception instanceof DomainError && exception.extras.headers) {
      for (const [name, value] of Object.entries(exception.extras.headers)) res.setHeader(name, value);
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      const { headers: _headers, errors, ...extras } = exception.extras;
      return {
        ...extras,
        ...build(exception.code, exception.message),
        ...(errors ? { errors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : typeof (response as { message?: unknown }).message === 'string'
            ? (response as { message: string }).message
            : exception.message;
      // Terminus answers 503 with the state of each check: keep it, it is what an operator needs.
      const checks = status === 503 && typeof response === 'object' && response !== null && 'details' in response ? { checks: response } : {};
      return { ...build(code, status === 503 && checks.checks ? 'A dependency is not healthy; see checks.' : message), status, ...checks };
    }
    const status = clientErrorStatus(exception);
    if (status) return { ...build(STATUS_CODES[status] ?? 'VALIDATION_FAILED', status === 404 ? 'Not found' : 'The request is not valid'), status };
    return build('INTERNAL_ERROR', 'Something went wrong on our side. Quote the errorId if you contact support.');
  }
}

/** Express middleware (serve-static, the router's URI decoding) reports client errors as http-errors with `expose`. */
function clientErrorStatus(exception: unknown): number | null {
  const { status, expose } = (exception ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : null;
}

function build(code: ErrorCode, detail: string): ProblemDetails {
  return {
    type: `urn:latchkey:error:${code.toLowerCase().replace(/_/g, '-')}`,
    title: ERROR_TITLES[code],
    status: ERROR_STATUS[code],
    detail,
    code,
  };
}
