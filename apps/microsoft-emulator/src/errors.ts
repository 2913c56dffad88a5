import { aadTimestamp, graphDate, guid } from './util';

/** An error of the Microsoft identity platform (token endpoint JSON or authorize redirect). */
export interface AadError {
  error: string;
  code: number;
  message: string;
  suberror?: string;
  /** HTTP status at the token endpoint: 400, or 401 for invalid_client. */
  status?: number;
}

export function aad(error: string, code: number, message: string, extra: Partial<AadError> = {}): AadError {
  return { error, code, message, status: error === 'invalid_client' ? 401 : 400, ...extra };
}

export interface ErrorContext {
  now: Date;
  publicUrl: string;
  correlationId?: string;
}

/** Token-endpoint error JSON, field for field as Microsoft sends it. */
export function aadErrorBody(err: AadError, ctx: ErrorContext): Record<string, unknown> {
  const traceId = guid();
  const correlationId = ctx.correlationId ?? guid();
  const timestamp = aadTimestamp(ctx.now);
  const body: Record<string, unknown> = {
    error: err.error,
    error_description: `${aadDescription(err)}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${ctx.publicUrl}/error?code=${err.code}`,
  };
  if (err.suberror) body.suberror = err.suberror;
  return body;
}

function aadDescription(err: AadError): string {
  return `AADSTS${err.code}: ${err.message}`;
}

export const missingParameter = (name: string): AadError =>
  aad('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

/** Graph error body: {"error":{"code","message","innerError":{date, request-id, client-request-id}}}. */
export function graphErrorBody(code: string, message: string, now: Date, requestId: string, clientRequestId: string) {
  return {
    error: {
      code,
      message,
      innerError: { date: graphDate(now), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
}
