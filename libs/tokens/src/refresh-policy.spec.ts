import type { ConnectionEntity } from '@app/database';
import { MicrosoftTokenError } from '@app/microsoft';
import { backoff, failureText, failureVerdict, isDue, needsMinValidity, retryAt, secondsUntil, TEXTS } from './refresh-policy';

const now = Date.parse('2026-01-01T00:00:00Z');
const at = (offsetMs: number | null) => (offsetMs === null ? null : new Date(now + offsetMs));
const connection = (fields: Partial<ConnectionEntity>) => fields as ConnectionEntity;

describe('needsMinValidity: does the token endpoint need a refresh?', () => {
  it.each([
    [300, null, true],
    [300, 299_999, true],
    [300, 300_000, false],
    [300, 3_600_000, false],
    [0, -1, true],
    [0, 0, false],
    [3600, 3_000_000, true],
  ])('min validity %i s, expiring in %p ms: %p', (seconds, expiresIn, expected) => {
    expect(needsMinValidity(seconds)(connection({ expiresAt: at(expiresIn) }), now)).toBe(expected);
  });
});

describe('isDue: does the worker refresh now?', () => {
  it.each([
    [null, true],
    [-60_000, true],
    [0, true],
    [1000, true],
    [1001, false],
    [600_000, false],
  ])('next refresh in %p ms: %p', (nextIn, expected) => {
    expect(isDue(connection({ nextRefreshAt: at(nextIn) }), now)).toBe(expected);
  });
});

describe('backoff: is a failed connection still waiting for its retry time?', () => {
  it.each([
    [0, 60_000, null],
    [1, null, null],
    [1, 1000, null],
    [1, -5000, null],
    [1, 1001, 1001],
    [3, 30_000, 30_000],
  ])('%i failure(s), next refresh in %p ms: retry in %p ms', (refreshFailures, nextIn, expected) => {
    const result = backoff({ refreshFailures, nextRefreshAt: at(nextIn) }, now);
    expect(result && result.retryAt.getTime() - now).toBe(expected);
  });
});

describe('retryAt: when to try again after a transient failure', () => {
  afterEach(() => jest.restoreAllMocks());

  // random: Math.random's value, so the full jitter is pinned; the delay in ms from now.
  it.each([
    ['no jitter, first failure: at least 1 s', 1, 0, null, null, 1000],
    ['jitter below the ceiling of 2 s', 1, 0.9, null, null, 1800],
    ['the ceiling doubles per failure', 3, 0.5, null, null, 4000],
    ['capped at 5 minutes', 30, 0.999_999, null, null, 299_999],
    ['Retry-After asks for more', 1, 0.5, 30, null, 30_000],
    ['a fractional Retry-After rounds up to the ms', 1, 0, 1.5004, null, 1501],
    ['a valid token: early enough to retry before it expires (a third of what is left)', 10, 0.9, null, 30_000, 10_000],
    ['a token about to expire: still at least 1 s', 10, 0.9, null, 2000, 1000],
    ['Retry-After wins over the expiry', 10, 0.9, 60, 30_000, 60_000],
    ['an expired token does not shorten the backoff', 3, 0.5, null, -1000, 4000],
  ])('%s', (_case, failures, random, retryAfterSeconds, expiresIn, expected) => {
    jest.spyOn(Math, 'random').mockReturnValue(random);
    expect(retryAt(failures, retryAfterSeconds, at(expiresIn), now).getTime() - now).toBe(expected);
  });
});

describe('secondsUntil: how long a caller is told to wait', () => {
  it.each([
    [30_000, 30],
    [29_001, 30],
    [2000, 2],
    [1, 1],
    [0, 1],
    [-5000, 1],
  ])('%i ms: %i s', (inMs, expected) => {
    expect(secondsUntil(new Date(now + inMs), now)).toBe(expected);
  });
});

describe('failureVerdict: what a Microsoft token error means for the connection', () => {
  const error = (status: number | null, code: string, codes: number[] = [], suberror: string | null = null) => new MicrosoftTokenError(status, code, codes, suberror, null);

  it.each([
    ['a network error', 'transient', error(null, 'network_error'), 'common'],
    ['a 503', 'transient', error(503, 'temporarily_unavailable'), 'common'],
    ['an unrecognised answer', 'transient', error(400, 'something_new'), 'common'],
    ['a revoked refresh token', 'needs_reauth', error(400, 'invalid_grant', [70008]), 'common'],
    ['an MFA step-up', 'needs_reauth', error(400, 'interaction_required', [50076]), 'common'],
    ['admin consent required', 'needs_reauth', error(400, 'invalid_grant', [90094]), 'common'],
    ['a flow to restart', 'needs_reauth', error(400, 'invalid_grant', [700005]), 'common'],
    ['an expired client secret', 'connector_misconfigured', error(401, 'invalid_client', [7000222]), 'common'],
    ['the app unknown in its home tenant', 'connector_misconfigured', error(400, 'unauthorized_client', [700016]), 'contoso.onmicrosoft.com'],
    ['the app unknown in one user\'s tenant', 'tenant_blocked', error(400, 'unauthorized_client', [700016]), 'organizations'],
    ['the app disabled in the user\'s tenant', 'tenant_blocked', error(400, 'unauthorized_client', [7000112]), null],
  ])('%s: %s', (_case, expected, e, authority) => {
    expect(failureVerdict(e, authority)).toBe(expected);
  });
});

describe('failureText: the stored code and the customer\'s text', () => {
  it.each([
    ['the first AADSTS code', new MicrosoftTokenError(400, 'invalid_grant', [70008, 50173], null, null), 'AADSTS70008'],
    ['the OAuth error without codes', new MicrosoftTokenError(null, 'network_error', [], null, 'socket hang up'), 'network_error'],
  ])('%s', (_case, e, code) => {
    const text = failureText(e);
    expect(text.code).toBe(code);
    expect(text.text.length).toBeGreaterThan(0);
  });
});

describe('TEXTS', () => {
  it.each([
    [TEXTS.unavailable('AADSTS50196', 30), 'Microsoft did not refresh the token (AADSTS50196); retrying in 30 s.'],
    [TEXTS.unavailable(null, 12), 'Microsoft did not refresh the token; retrying in 12 s.'],
    [TEXTS.misconfigured(TEXTS.appRefused), "Microsoft refused the connector's app. Fix the Outlook Email connector; refreshes resume once it is saved."],
  ])('%s', (text, expected) => {
    expect(text).toBe(expected);
  });
});
