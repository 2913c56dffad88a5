import { invalidCredentials, lockedOut } from './member-errors';

describe('member errors', () => {
  it('names the lockout rule in a wrong-password answer', () => {
    expect(invalidCredentials()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(invalidCredentials().message).toContain('After 5 wrong passwords in a row the account is locked for 15 minutes');
  });

  it('rounds the time left up, to seconds for Retry-After and to minutes in the message', () => {
    const error = lockedOut(new Date(Date.now() + 61_500));
    expect(error).toMatchObject({ code: 'TOO_MANY_SIGN_IN_ATTEMPTS', extras: { retryAfterSeconds: 62 } });
    expect(error.message).toContain('locked for 2 more minute(s)');
  });

  it('asks to wait at least one second once the lock has just ended', () => {
    expect(lockedOut(new Date(Date.now() - 5_000)).extras.retryAfterSeconds).toBe(1);
  });
});
