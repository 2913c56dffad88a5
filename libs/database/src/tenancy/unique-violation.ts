import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation (23505), optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error as QueryFailedError & { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = driverError.code ?? driverError.driverError?.code;
  const name = driverError.constraint ?? driverError.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
