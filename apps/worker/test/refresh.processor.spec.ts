import { Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JOBS, Metrics, RefreshJobData, refreshJobId } from '@app/common';
import type { AppConfig } from '@app/config';
import type { ConnectionEntity } from '@app/database';
import { isDue, RefreshOutcome, TokenRefresher } from '@app/tokens';
import { RefreshProcessor } from '../src/refresh.processor';

/** The processor's side of the refresh: each outcome becomes a job result, and what is retryable a delayed job. */
describe('RefreshProcessor (unit)', () => {
  const customerId = '0b5c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
  const connectionId = '6f1c1a52-9f43-4c55-8f7e-0c3f3f5b6a10';
  const retryAt = new Date(Date.now() + 30_000);

  beforeAll(() => Logger.overrideLogger(false));

  function run(outcome: RefreshOutcome, data: Partial<RefreshJobData> = { customerId, connectionId }) {
    const refresher = { refresh: jest.fn().mockResolvedValue(outcome) };
    const queue = { add: jest.fn().mockResolvedValue(undefined) };
    const processor = new RefreshProcessor(refresher as unknown as TokenRefresher, queue as unknown as Queue<RefreshJobData>, {} as AppConfig, new Metrics(false));
    const job = { id: 'job-1', name: JOBS.refreshConnection, data, timestamp: Date.now(), opts: {} } as Job<RefreshJobData>;
    return { refresher, queue, result: processor.process(job) };
  }

  it.each<[string, string, RefreshOutcome]>([
    ['fresh', 'fresh', { kind: 'fresh', connection: {} as ConnectionEntity }],
    ['needs re-auth', 'connection_needs_reauth', { kind: 'needs_reauth', connectionId, reason: null, microsoftError: 'AADSTS70008', message: '' }],
    ['tenant blocked', 'connection_tenant_blocked', { kind: 'tenant_blocked', connectionId, reason: null, microsoftError: 'AADSTS7000112', message: '' }],
    ['connector misconfigured', 'connector_misconfigured', { kind: 'connector_misconfigured', reason: 'credentials', connectionId, microsoftError: 'AADSTS7000222', message: '' }],
    ['key unavailable', 'encryption_key_unavailable', { kind: 'key_unavailable', keyId: 'k2' }],
    ['not found', 'not_found', { kind: 'not_found' }],
  ])('%s: ends with "%s" and no new job', async (_case, expected, outcome) => {
    const { refresher, queue, result } = run(outcome);
    await expect(result).resolves.toBe(expected);
    expect(refresher.refresh).toHaveBeenCalledWith(customerId, connectionId, isDue);
    expect(queue.add).not.toHaveBeenCalled();
  });

  it.each<[string, RefreshOutcome]>([
    ['transient', { kind: 'transient', retryAt, microsoftError: 'AADSTS50196' }],
    ['backing off', { kind: 'backing_off', retryAt }],
    ['busy', { kind: 'busy', retryAt }],
  ])('%s: the job is added again at retryAt, with the id the sweeper would give it', async (_case, outcome) => {
    const { queue, result } = run(outcome);
    await expect(result).resolves.toBe('retry_scheduled');
    expect(queue.add).toHaveBeenCalledTimes(1);
    const [name, data, options] = queue.add.mock.calls[0];
    expect(name).toBe(JOBS.refreshConnection);
    expect(data).toEqual({ customerId, connectionId });
    expect(options.jobId).toBe(refreshJobId(connectionId, retryAt));
    expect(options.delay).toBeGreaterThan(29_000);
    expect(options.delay).toBeLessThanOrEqual(30_000);
  });

  it.each([
    ['no payload', {}],
    ['not UUIDs', { customerId: 'acme', connectionId: '1' }],
    ['a number', { customerId, connectionId: 42 as unknown as string }],
  ])('an invalid payload (%s) is dropped without a refresh', async (_case, data) => {
    const { refresher, result } = run({ kind: 'not_found' }, data);
    await expect(result).resolves.toBe('invalid');
    expect(refresher.refresh).not.toHaveBeenCalled();
  });
});
