import { HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
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

/** Where a problem is answered: the request it answers and the logger of whoever answers it. */
interface ProblemContext {
  /** The request's URL; the problem's `instance` is its path, never its query (which may carry OAuth codes). */
  url?: string;
  requestId?: string;
  logger: Pick<Logger, 'error'>;
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
 * The one place where errors become HTTP answers: RFC 9457 problem details with a stable `code`, on any
 * `node:http` response (Express's included, so the Nest filter and the token fast path answer alike). Anything
 * unexpected is a 500 whose `errorId` is logged with the stack, so support can find it.
 */
export function writeProblem(res: ServerResponse, exception: unknown, { url, requestId, logger }: ProblemContext): void {
  const problem = toProblem(exception);
  problem.instance = url?.split('?')[0];
  if (requestId) problem.requestId = requestId;
  if (problem.code === 'INTERNAL_ERROR') problem.errorId = logUnexpected(logger, exception, 'Unhandled error', { requestId });
  if (res.headersSent) return;
  if (exception instanceof DomainError) setDomainHeaders(res, exception);
  const body = JSON.stringify(problem);
  res.statusCode = problem.status;
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Logs an unexpected failure once, with its stack, under a new id that the answer shows the caller. */
export function logUnexpected(logger: Pick<Logger, 'error'>, exception: unknown, what: string, fields: Record<string, unknown> = {}): string {
  const errorId = randomUUID();
  logger.error({ err: exception, errorId, ...fields }, `${what} ${errorId}`);
  return errorId;
}

/** The problem for an exception, before any request detail: raw clientError answers (no response object) use it too. */
export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof DomainError) {
    const { headers: _headers, errors, ...extras } = exception.extras;
    return {
      ...extras,
      ...build(exception.code, exception.message),
      ...(errors ? { errors } : {}),
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  const status = clientErrorStatus(exception);
  if (status) return { ...build(STATUS_CODES[status] ?? 'VALIDATION_FAILED', status === 404 ? 'Not found' : 'The request is not valid'), status };
  return build('INTERNAL_ERROR', 'Something went wrong on our side. Quote the errorId if you contact support.');
}

/**
 * Retry-After comes from `retryAfterSeconds`, which the body carries too, so the two always agree. Other headers
 * (the auth guards' WWW-Authenticate) come from `extras.headers`.
 */
function setDomainHeaders(res: ServerResponse, { extras }: DomainError): void {
  for (const [name, value] of Object.entries(extras.headers ?? {})) res.setHeader(name, value);
  const seconds = extras.retryAfterSeconds;
  if (typeof seconds === 'number' && seconds > 0 && Number.isFinite(seconds)) res.setHeader('Retry-After', String(Math.ceil(seconds)));
}

function fromHttpException(exception: HttpException): ProblemDetails {
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
