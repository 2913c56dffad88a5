import { CONSUMERS_TENANT_ID, explain } from '@app/microsoft';
import { failureFromCallback, tenantMismatch } from './flow-failure';

const DIRECTORY = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_DIRECTORY = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

describe('tenantMismatch', () => {
  it.each([
    ['common', DIRECTORY, false],
    ['common', CONSUMERS_TENANT_ID, false],
    ['organizations', DIRECTORY, false],
    ['organizations', CONSUMERS_TENANT_ID, true],
    ['consumers', CONSUMERS_TENANT_ID, false],
    ['consumers', DIRECTORY, true],
    [DIRECTORY, DIRECTORY, false],
    [DIRECTORY, DIRECTORY.toUpperCase(), false],
    [DIRECTORY, OTHER_DIRECTORY, true],
    ['contoso.onmicrosoft.com', DIRECTORY, false],
  ])('connector tenant %s, account tenant %s: refused %s', (expected, tid, refused) => {
    expect(tenantMismatch(expected, tid) !== null).toBe(refused);
  });

  it('names both tenants when a directory connector meets another directory', () => {
    expect(tenantMismatch(DIRECTORY, OTHER_DIRECTORY)).toBe(`The account belongs to tenant ${OTHER_DIRECTORY}, but the connector only allows tenant ${DIRECTORY}.`);
  });
});

describe('failureFromCallback', () => {
  it('is null when Microsoft reported no error', () => {
    expect(failureFromCallback({ code: 'abc', state: 's' })).toBeNull();
    expect(failureFromCallback({ error: ['access_denied'] })).toBeNull();
  });

  it('records a decline as declined, with the AADSTS code of the description', () => {
    const failure = failureFromCallback({ error: 'access_denied', error_description: 'AADSTS65004: User declined to consent.\r\nTrace ID: x' })!;
    expect(failure.status).toBe('declined');
    expect(failure.error).toBe('access_denied');
    expect(failure.errorCode).toBe('AADSTS65004');
    const text = explain('access_denied', [65004]);
    expect(failure.customerExplanation).toBe(`${text.customer} Microsoft said: AADSTS65004: User declined to consent.`);
    expect(failure.endUserMessage).toBe(text.endUser);
  });

  it('records other errors as failed, bounded, without a code when the description has none', () => {
    const failure = failureFromCallback({ error: `server_error${'x'.repeat(200)}` })!;
    expect(failure.status).toBe('failed');
    expect(failure.error).toHaveLength(100);
    expect(failure.errorCode).toBeNull();
    expect(failure.customerExplanation).toBe(explain(failure.error, []).customer);
  });
});
