import { DomainError } from '@app/common';

/** Consecutive wrong passwords before the member is locked out, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60_000;

export function inviteNotFound(): DomainError {
  return new DomainError('INVITE_NOT_FOUND', 'This invite link is unknown, already used or expired (links last 7 days). Ask your platform operator for a new one.');
}

export function invalidCredentials(): DomainError {
  return new DomainError('INVALID_CREDENTIALS', `The email or password is wrong. After ${MAX_FAILED_SIGN_INS} wrong passwords in a row the account is locked for ${LOCKOUT_MS / 60_000} minutes.`);
}

export function lockedOut(until: Date): DomainError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new DomainError(
    'TOO_MANY_SIGN_IN_ATTEMPTS',
    `Too many wrong passwords: this account is locked for ${Math.ceil(seconds / 60)} more minute(s). Try again later, or ask your operator for a reset link.`,
    { retryAfterSeconds: seconds },
  );
}
