import { classifyTokenFailure, isHomeTenant, MicrosoftTokenError, parseRetryAfter, refreshFailureClass } from './microsoft-errors';

describe('classifyTokenFailure', () => {
  it.each([
    ['invalid_client', 7000215],
    ['invalid_client', 7000222],
    ['invalid_client', 7000218],
    ['invalid_client', 700025],
  ])('%s AADSTS%i is about the app\'s credentials: connector_misconfigured', (error, code) => {
    expect(classifyTokenFailure(401, error, [code], null)).toBe('connector_misconfigured');
  });

  it('invalid_client without a known code is still client authentication failing', () => {
    expect(classifyTokenFailure(401, 'invalid_client', [], null)).toBe('connector_misconfigured');
  });

  it.each([
    ['unauthorized_client', 7000112],
    ['unauthorized_client', 700016],
    ['invalid_request', 90002],
    ['invalid_client', 65005],
    ['unauthorized_client', 12345],
  ])('%s AADSTS%i is about one tenant: tenant_blocked, never the connector', (error, code) => {
    expect(classifyTokenFailure(400, error, [code], null)).toBe('tenant_blocked');
  });

  it('AADSTS50020 (user not in the tenant) is that user\'s to fix: user_reauth', () => {
    expect(classifyTokenFailure(400, 'invalid_grant', [50020], null)).toBe('user_reauth');
  });

  it.each([
    [400, 'invalid_request', [999999]],
    [400, 'something_new', []],
    [403, 'access_denied', [123]],
  ])('an unrecognised answer (%i %s) is transient, not connector-wide', (status, error, codes) => {
    expect(classifyTokenFailure(status, error, codes, null)).toBe('transient');
  });

  it.each([
    [null, 'network_error', []],
    [429, 'invalid_request', []],
    [503, 'temporarily_unavailable', []],
    [400, 'invalid_request', [50196]],
  ])('%s %s stays transient', (status, error, codes) => {
    expect(classifyTokenFailure(status, error, codes as number[], null)).toBe('transient');
  });

  it('refresh-token and consent failures stay the user\'s', () => {
    expect(classifyTokenFailure(400, 'invalid_grant', [70008], null)).toBe('user_reauth');
    expect(classifyTokenFailure(400, 'invalid_grant', [], 'bad_token')).toBe('user_reauth');
    expect(classifyTokenFailure(400, 'invalid_grant', [90094], null)).toBe('admin_consent');
    expect(classifyTokenFailure(400, 'invalid_grant', [700005], null)).toBe('restart_flow');
  });
});

describe('classifyTokenFailure, rule by rule (and which rule wins)', () => {
  it.each<[number | null, string, number[], string | null, string]>([
    // Transient first: the status, the OAuth errors Microsoft uses for outages, the throttling codes.
    [500, 'invalid_client', [7000215], null, 'transient'],
    [502, 'invalid_grant', [70008], null, 'transient'],
    [429, 'invalid_client', [], null, 'transient'],
    [400, 'server_error', [], null, 'transient'],
    [400, 'temporarily_unavailable', [70008], null, 'transient'],
    [400, 'invalid_request', [90055], null, 'transient'],
    // Administrator consent before everything that stops a connection or a connector.
    [400, 'invalid_grant', [90095], null, 'admin_consent'],
    [400, 'invalid_grant', [65002], null, 'admin_consent'],
    [401, 'invalid_client', [90094, 7000215], null, 'admin_consent'],
    // The app's credentials, before one tenant's refusal.
    [400, 'invalid_request', [50011], null, 'connector_misconfigured'],
    [401, 'unauthorized_client', [7000215, 700016], null, 'connector_misconfigured'],
    [400, 'unauthorized_client', [65005], null, 'tenant_blocked'],
    // A flow to restart, before the user's re-auth codes.
    [400, 'invalid_grant', [54005], null, 'restart_flow'],
    [400, 'invalid_grant', [501481], null, 'restart_flow'],
    [400, 'invalid_grant', [50148, 70008], null, 'restart_flow'],
    // The end user's to fix: by code, by error, by suberror, and invalid_grant last.
    ...[700082, 50173, 70000, 9002313, 65001, 50076, 50079, 50078, 700084, 50089, 50133, 50144].map(
      (code) => [400, 'invalid_request', [code], null, 'user_reauth'] as [number, string, number[], null, string],
    ),
    [400, 'interaction_required', [], null, 'user_reauth'],
    [400, 'consent_required', [], null, 'user_reauth'],
    [400, 'login_required', [], null, 'user_reauth'],
    ...['bad_token', 'token_expired', 'consent_required', 'basic_action', 'additional_action', 'message_only', 'user_password_expired'].map(
      (suberror) => [400, 'invalid_request', [], suberror, 'user_reauth'] as [number, string, number[], string, string],
    ),
    [400, 'invalid_request', [], 'some_new_suberror', 'transient'],
    [400, 'invalid_grant', [424242], null, 'user_reauth'],
  ])('%p %s %j (suberror %p): %s', (status, error, codes, suberror, expected) => {
    expect(classifyTokenFailure(status, error, codes, suberror)).toBe(expected);
  });
});

describe('refreshFailureClass', () => {
  const notFound = new MicrosoftTokenError(400, 'unauthorized_client', [700016], null, null);

  it('AADSTS700016 from the app\'s home tenant means the app does not exist: the connector', () => {
    expect(refreshFailureClass(notFound, '8eaef023-2b34-4da1-9baa-8bc8c9d6a490')).toBe('connector_misconfigured');
    expect(refreshFailureClass(notFound, 'contoso.onmicrosoft.com')).toBe('connector_misconfigured');
  });

  it.each(['common', 'organizations', 'consumers', null])('AADSTS700016 through %s is one user\'s tenant', (authority) => {
    expect(refreshFailureClass(notFound, authority)).toBe('tenant_blocked');
  });

  it('other classes pass through', () => {
    expect(refreshFailureClass(new MicrosoftTokenError(401, 'invalid_client', [7000215], null, null), 'common')).toBe('connector_misconfigured');
    expect(isHomeTenant('Common')).toBe(false);
  });

  it('parseRetryAfter reads seconds and HTTP dates, and never reads garbage as a date in the past', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1.5);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    for (const garbage of ['-1', 'abc 5', '1 2', '2 days', '1e3', '0x10', 'soon']) expect(parseRetryAfter(garbage, now)).toBeNull();
  });
});
