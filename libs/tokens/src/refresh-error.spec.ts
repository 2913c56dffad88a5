import { DomainError, SecretKeyUnavailableError } from '@app/common';
import { refreshError, RefreshFailure, servesStoredToken } from './refresh-error';

const now = Date.parse('2026-01-01T00:00:00Z');
const inMs = (ms: number) => new Date(now + ms);
const id = '6f1c1a52-9f43-4c55-8f7e-0c3f3f5b6a10';

describe('refreshError: the token endpoint\'s problem for each outcome without a token', () => {
  it.each<[string, RefreshFailure, string, string, Record<string, unknown>]>([
    [
      'transient',
      { kind: 'transient', retryAt: inMs(29_200), microsoftError: 'AADSTS50196' },
      'MICROSOFT_UNAVAILABLE',
      'Microsoft did not refresh the token (AADSTS50196); retrying in 30 s.',
      { retryAfterSeconds: 30, microsoftError: 'AADSTS50196' },
    ],
    [
      'transient, retry time already reached',
      { kind: 'transient', retryAt: inMs(-10), microsoftError: 'network_error' },
      'MICROSOFT_UNAVAILABLE',
      'Microsoft did not refresh the token (network_error); retrying in 1 s.',
      { retryAfterSeconds: 1, microsoftError: 'network_error' },
    ],
    ['backing off', { kind: 'backing_off', retryAt: inMs(12_000) }, 'MICROSOFT_UNAVAILABLE', 'Microsoft did not refresh the token; retrying in 12 s.', { retryAfterSeconds: 12 }],
    ['busy', { kind: 'busy', retryAt: inMs(2000) }, 'MICROSOFT_UNAVAILABLE', 'A refresh of this connection is taking too long. Try again shortly.', { retryAfterSeconds: 2 }],
    [
      'needs re-auth',
      { kind: 'needs_reauth', connectionId: id, reason: null, microsoftError: 'AADSTS70008', message: 'The end user must reconnect this account.' },
      'CONNECTION_NEEDS_REAUTH',
      'The end user must reconnect this account.',
      { connectionId: id, reason: null, microsoftError: 'AADSTS70008' },
    ],
    [
      'tenant blocked',
      { kind: 'tenant_blocked', connectionId: id, reason: 'Disabled there.', microsoftError: 'AADSTS7000112', message: 'Disabled there.' },
      'CONNECTION_TENANT_BLOCKED',
      'Disabled there.',
      { connectionId: id, reason: 'Disabled there.', microsoftError: 'AADSTS7000112' },
    ],
    [
      'connector misconfigured',
      { kind: 'connector_misconfigured', reason: 'credentials', connectionId: id, microsoftError: 'AADSTS7000222', message: 'Expired. Fix it.' },
      'CONNECTOR_MISCONFIGURED',
      'Expired. Fix it.',
      { microsoftError: 'AADSTS7000222' },
    ],
    [
      'connector switched apps',
      { kind: 'connector_misconfigured', reason: 'app_changed', connectionId: id, microsoftError: null, message: 'Another app.' },
      'CONNECTOR_MISCONFIGURED',
      'Another app.',
      { connectionId: id, reason: 'app_changed' },
    ],
    ['not found', { kind: 'not_found' }, 'NOT_FOUND', 'Connection was not found', {}],
  ])('%s', (_case, outcome, code, message, extras) => {
    const error = refreshError(outcome, now);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.extras).toEqual(extras);
    expect(error.extras).not.toHaveProperty('headers');
  });

  it('a missing encryption key: the same error the key store raises', () => {
    const error = refreshError({ kind: 'key_unavailable', keyId: 'k2' }, now);
    expect(error).toBeInstanceOf(SecretKeyUnavailableError);
    expect(error).toEqual(new SecretKeyUnavailableError('k2'));
  });
});

describe('servesStoredToken: may the stored access token still be handed out?', () => {
  it.each<[RefreshFailure, boolean]>([
    [{ kind: 'transient', retryAt: inMs(1000), microsoftError: 'x' }, true],
    [{ kind: 'backing_off', retryAt: inMs(1000) }, true],
    [{ kind: 'busy', retryAt: inMs(1000) }, true],
    [{ kind: 'connector_misconfigured', reason: 'flagged', connectionId: id, microsoftError: null, message: '' }, true],
    [{ kind: 'key_unavailable', keyId: 'k2' }, true],
    [{ kind: 'needs_reauth', connectionId: id, reason: null, microsoftError: null, message: '' }, false],
    [{ kind: 'tenant_blocked', connectionId: id, reason: null, microsoftError: null, message: '' }, false],
    [{ kind: 'not_found' }, false],
  ])('%o: %p', (outcome, expected) => {
    expect(servesStoredToken(outcome)).toBe(expected);
  });
});
