import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation (23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const failed = error as QueryFailedError & { code?: string; driverError?: { code?: string } };
  return (failed.code ?? failed.driverError?.code) === '23505';
}
