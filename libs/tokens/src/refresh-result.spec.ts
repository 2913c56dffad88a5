import { REFRESH_RESULTS } from '@app/common';
import type { ConnectionEntity } from '@app/database';
import { refreshResult } from './token-refresher.service';

/** The refreshes_total label of each refresh outcome: one per outcome, each a label the counter declares. */
describe('refreshResult', () => {
  const stopped = { connectionId: 'c', reason: null, microsoftError: 'AADSTS70008', message: 'm' };
  const retryAt = new Date();

  it.each([
    [{ kind: 'fresh', connection: {} as ConnectionEntity }, 'ok'],
    [{ kind: 'transient', retryAt, microsoftError: 'temporarily_unavailable' }, 'transient'],
    [{ kind: 'busy', retryAt }, 'busy'],
    [{ kind: 'needs_reauth', ...stopped }, 'needs_reauth'],
    [{ kind: 'tenant_blocked', ...stopped }, 'tenant_blocked'],
    [{ kind: 'connector_misconfigured', reason: 'credentials', connectionId: 'c', microsoftError: 'AADSTS7000215', message: 'm' }, 'connector'],
    [{ kind: 'key_unavailable', keyId: 'k0' }, 'key_unavailable'],
    [{ kind: 'not_found' }, 'not_found'],
  ] as const)('%o counts as %s', (outcome, label) => {
    expect(refreshResult(outcome)).toBe(label);
    expect(REFRESH_RESULTS).toContain(label);
  });

  it('uses every label the counter declares', () => {
    expect([...REFRESH_RESULTS].sort()).toEqual(['busy', 'connector', 'key_unavailable', 'needs_reauth', 'not_found', 'ok', 'tenant_blocked', 'transient']);
  });
});
