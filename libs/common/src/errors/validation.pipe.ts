import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain.error';
import { NOT_JSON_BODY } from '../http/body-parsers';
import { assertSafeStrings } from '../http/safe-strings';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field,
        code: constraint === 'whitelistValidation' ? 'unknown_field' : constraint,
        message: constraint === 'whitelistValidation' ? `${field} is not a known field` : message,
      });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/**
 * A body must be a JSON object: arrays and scalars are refused before class-validator sees them, a non-JSON body is a
 * 415. Path parameters get the NUL / lone-surrogate check here, where their names are known.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param') assertSafeStrings(value, metadata.data ?? '');
    if (metadata.type === 'body' && value === NOT_JSON_BODY) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON with Content-Type: application/json.');
    }
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value === undefined || value === null) value = {};
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new DomainError('VALIDATION_FAILED', 'The request body must be a JSON object.', {
          errors: [{ field: '', code: 'not_an_object', message: 'The request body must be a JSON object' }],
        });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Whitelisted, transformed, every bad field listed; unknown fields are refused rather than dropped. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const summary = fields.length === 1 ? fields[0].message : `${fields.length} fields are not valid`;
      return new DomainError('VALIDATION_FAILED', summary, { errors: fields });
    },
  });
}
