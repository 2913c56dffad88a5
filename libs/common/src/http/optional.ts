import { ValidateIf } from 'class-validator';

/**
 * Like @IsOptional, but only a missing field is optional: class-validator's @IsOptional also lets `null` through,
 * which then fails on `.trim` or a NOT NULL column. Use on every field that has no null meaning.
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
