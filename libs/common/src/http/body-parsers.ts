import { randomUUID } from 'node:crypto';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../errors/domain.error';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const BODY_LIMIT = '100kb';

/** Gives every request an id first (a valid incoming X-Request-Id is kept), echoed in the response header. */
/** The caller's X-Request-Id when it is a sane token, else a new one. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function requestIdMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  req.id = requestIdOf(req.headers['x-request-id']);
  res.setHeader('x-request-id', req.id);
  next();
}

interface ParserError {
  type?: string;
  status?: number;
}

function toDomainError(err: ParserError): DomainError {
  switch (err.type) {
    case 'entity.parse.failed':
      return new DomainError('MALFORMED_JSON', 'The request body could not be parsed as JSON. Send a JSON object with Content-Type: application/json.');
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', `The request body is larger than ${BODY_LIMIT.replace('kb', ' KB')}.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8.');
    default:
      return new DomainError('VALIDATION_FAILED', 'The request body could not be read.');
  }
}

/** express's JSON and form parsers whose failures become coded client errors instead of bare exceptions. */
export function bodyParsers(): RequestHandler[] {
  return [express.json({ limit: BODY_LIMIT }), express.urlencoded({ limit: BODY_LIMIT, extended: false })].map(
    (parser): RequestHandler =>
      (req, res, next) =>
        parser(req, res, (err?: unknown) => next(err ? toDomainError(err as ParserError) : undefined)),
  );
}
