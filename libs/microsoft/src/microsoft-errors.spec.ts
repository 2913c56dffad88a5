import { classifyTokenFailure, isHomeTenant, MicrosoftTokenError, refreshFailureClass } from './microsoft-errors';

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
});
