import { redisKeys } from './redis-keys';

describe('redisKeys', () => {
  it('puts every key and channel under the prefix', () => {
    const keys = redisKeys('acme');
    const names = [keys.workerHeartbeat, keys.refreshSwept, keys.refreshLease('c1'), keys.signInThrottle('ip', 'h'), keys.apiKeyRevokedChannel];
    for (const name of names) expect(name.startsWith('acme:')).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps the names a running version already uses', () => {
    const keys = redisKeys('latchkey');
    expect(keys.workerHeartbeat).toBe('latchkey:worker:heartbeat');
    expect(keys.refreshSwept).toBe('latchkey:refresh:swept');
    expect(keys.refreshLease('c1')).toBe('latchkey:lock:refresh:c1');
    expect(keys.apiKeyRevokedChannel).toBe('latchkey:api-keys:revoked');
  });
});
