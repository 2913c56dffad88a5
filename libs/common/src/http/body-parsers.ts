import { randomUUID } from 'node:crypto';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../errors/domain.error';
import { assertSafeStrings, jsonDepthExceeds, MAX_JSON_DEPTH } from './safe-strings';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BODY_LIMIT = '100kb';

/** The caller's X-Request-Id when it is a sane token, else a new one. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Gives every request an id first (a valid incoming X-Request-Id is kept), echoed in the response header. */
export function requestIdMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  req.id = requestIdOf(req.headers['x-request-id']);
  res.setHeader('x-request-id', req.id);
  next();
}

interface ParserError {
  type?: string;
  status?: number;
}

/**
 * What req.body holds when a request carries a body that is not JSON: the validation pipe answers 415 for it on the
 * routes that take a JSON body; routes that read no body never look at it.
 */
export const NOT_JSON_BODY: Readonly<Record<string, never>> = Object.freeze({});

function toDomainError(err: ParserError): DomainError {
  switch (err.type) {
    case 'entity.parse.failed':
      return new DomainError('MALFORMED_JSON', 'The request body could not be parsed as JSON. Send a JSON object with Content-Type: application/json.');
    case 'entity.too.deep':
      return DomainError.invalidField('', 'too_deep', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', `The request body is larger than ${BODY_LIMIT.replace('kb', ' KB')}.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8.');
    default:
      return new DomainError('VALIDATION_FAILED', 'The request body could not be read.');
  }
}

/** Runs on the raw bytes before JSON.parse, so a 10,000-deep body never reaches a recursive parser or validator. */
function verifyJson(_req: unknown, _res: unknown, buf: Buffer, encoding: string): void {
  if (encoding.toLowerCase().replace('-', '') !== 'utf8') throw Object.assign(new Error('not UTF-8'), { type: 'charset.unsupported' });
  if (jsonDepthExceeds(buf)) throw Object.assign(new Error('too deep'), { type: 'entity.too.deep' });
}

const json = express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'], verify: verifyJson });

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * JSON bodies only: parse failures become coded client errors, NUL characters and lone surrogates are refused with
 * the field named (PostgreSQL and the validators would fail on them), any other body is marked NOT_JSON_BODY.
 */
export function bodyParsers(): RequestHandler[] {
  return [
    (req, res, next) =>
      json(req, res, (err?: unknown) => {
        if (err) return next(toDomainError(err as ParserError));
        try {
          if (req.body !== undefined) assertSafeStrings(req.body);
          else if (hasBody(req)) req.body = NOT_JSON_BODY;
          next();
        } catch (error) {
          next(error);
        }
      }),
  ];
}

/** Query strings get the same NUL / lone-surrogate check, named by parameter, for every route (even ones reading req.query). */
export function safeQueryMiddleware(req: Request, _res: Response, next: NextFunction): void {
  try {
    assertSafeStrings(req.query);
    next();
  } catch (error) {
    next(error);
  }
}
