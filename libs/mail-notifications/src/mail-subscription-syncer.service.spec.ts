import { Logger } from '@nestjs/common';
import type { SecretBox } from '@app/common';
import type { AppConfig } from '@app/config';
import { GraphError, GraphSubscriptionsClient } from '@app/microsoft';
import type { TokenService } from '@app/tokens';
import type { ClientStates } from './client-state';
import { MailSubscriptionSyncer } from './mail-subscription-syncer.service';
import type { MailSubscriptionsRepository, SubscriptionRow, SyncResult } from './mail-subscriptions.repository';

const HOUR = 3_600_000;
const FIRST_EXPIRY = '2026-12-07T11:00:00.000Z';

function pendingRow(): SubscriptionRow {
  return {
    connectionId: 'c1',
    customerId: 'k1',
    connectorId: 'n1',
    status: 'pending',
    graphSubscriptionId: null,
    clientStateHash: null,
    resource: null,
    changeTypes: null,
    expiresAt: null,
    version: 1,
    failures: 0,
    lastError: null,
    lastAliveAt: null,
    pendingLifecycle: null,
    staleSubscriptionIds: [],
    forceRenewal: false,
    connectionGone: false,
    cleanupTokenEncrypted: null,
    cleanupTokenExpiresAt: null,
    createdAt: new Date(),
  };
}

/** The syncer with a pending row to create, Graph's create answering `answers` in turn (an error is thrown). */
function setup(answers: Array<GraphError | 'ok'>, connectionStatus = 'active') {
  const finished: SyncResult[] = [];
  const rows = {
    claim: jest.fn(async () => pendingRow()),
    context: jest.fn(async () => ({ connectionStatus, endUserId: 'u1', enabled: true, folder: 'inbox', changeTypes: ['created'] })),
    finish: jest.fn(async (_row: SubscriptionRow, result: SyncResult) => void finished.push(result)),
    release: jest.fn(),
  };
  const create = jest.fn(async (token: string) => {
    const answer = answers.shift();
    if (answer instanceof GraphError) throw answer;
    return { id: `sub-for-${token}`, expirationDateTime: new Date(Date.now() + 7 * 24 * HOUR).toISOString() };
  });
  const tokens = {
    forConnection: jest.fn(async () => ({ accessToken: 'first', expiresAt: FIRST_EXPIRY })),
    replacing: jest.fn(async () => ({ accessToken: 'second', expiresAt: '2026-12-07T12:00:00.000Z' })),
  };
  const config = { mailNotifications: { notificationUrl: 'https://l/graph/notifications', lifecycleUrl: 'https://l/graph/lifecycle', lifetimeMinutes: 10_020, renewBeforeSeconds: 86_400 } };
  const syncer = new MailSubscriptionSyncer(
    config as AppConfig,
    rows as unknown as MailSubscriptionsRepository,
    { create } as unknown as GraphSubscriptionsClient,
    tokens as unknown as TokenService,
    { generate: () => 'client-state', hash: () => Buffer.alloc(32) } as unknown as ClientStates,
    {} as SecretBox,
  );
  return { syncer, create, tokens, finished };
}

describe('MailSubscriptionSyncer', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('does not hammer Graph after a refusal for good (403): failed, lastError shown, next try in about an hour', async () => {
    const { syncer, create, finished } = setup([new GraphError(403, 'ErrorAccessDenied', 'Access is denied.')]);
    expect(await syncer.sync('k1', 'c1')).toBe('failed');
    expect(create).toHaveBeenCalledTimes(1);
    expect(finished[0]).toMatchObject({ status: 'failed', failures: 1, lastError: '403 ErrorAccessDenied: Access is denied.' });
    expect(finished[0].nextActionAt!.getTime() - Date.now()).toBeGreaterThan(0.75 * HOUR);
  });

  it('still retries a transient failure soon, honouring Retry-After', async () => {
    const { syncer, finished } = setup([new GraphError(429, 'TooManyRequests', 'Slow down', 30)]);
    expect(await syncer.sync('k1', 'c1')).toBe('retry_scheduled');
    const wait = finished[0].nextActionAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(29_000);
    expect(wait).toBeLessThan(60_000);
  });

  it('answers a 401 with one fresh token (refreshed past the refused one) and one more try', async () => {
    const { syncer, create, tokens, finished } = setup([new GraphError(401, 'InvalidAuthenticationToken', 'Access token has expired.'), 'ok']);
    expect(await syncer.sync('k1', 'c1')).toBe('created');
    expect(tokens.replacing).toHaveBeenCalledWith('k1', 'c1', { expiresAt: FIRST_EXPIRY });
    expect(create.mock.calls.map((c) => c[0])).toEqual(['first', 'second']);
    expect(finished[0]).toMatchObject({ status: 'active', graphSubscriptionId: 'sub-for-second' });
  });

  it('replaces the token once only: a second 401 is a transient failure', async () => {
    const unauthorized = () => new GraphError(401, 'InvalidAuthenticationToken', 'Access token has expired.');
    const { syncer, create, tokens } = setup([unauthorized(), unauthorized(), 'ok']);
    expect(await syncer.sync('k1', 'c1')).toBe('retry_scheduled');
    expect(tokens.replacing).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('pauses while the connection needs its end user, keeping a lifecycle event for the reconnect', async () => {
    const { syncer, create, finished } = setup([], 'needs_reauth');
    expect(await syncer.sync('k1', 'c1')).toBe('paused');
    expect(create).not.toHaveBeenCalled();
    expect(finished[0]).toMatchObject({ status: 'paused', nextActionAt: null, keepLifecycle: true });
  });
});
