/*
 * Compiled by `npm run typecheck`, never run: each line marked @ts-expect-error must fail to compile, so a
 * repository method that stopped requiring the tenant (or a where clause that could be built without it, or widened
 * to other tenants) breaks the build. The body sits in a function nobody calls.
 */
import { In } from 'typeorm';
import type { ConnectionEntity, TenantWhere } from '@app/database';
import type { ConnectAttemptsRepository } from './connect-attempts.repository';
import type { ConnectSessionsRepository } from './connect-sessions.repository';
import type { ConnectionEventsRepository } from './connection-events.repository';
import type { ConnectionsRepository } from './connections.repository';
import type { OAuthStatesRepository } from './oauth-states.repository';

async function _tenancyTypeTest(
  connections: ConnectionsRepository,
  events: ConnectionEventsRepository,
  sessions: ConnectSessionsRepository,
  states: OAuthStatesRepository,
  attempts: ConnectAttemptsRepository,
): Promise<void> {
  const customerId = '00000000-0000-4000-8000-000000000001';
  const connectionId = '00000000-0000-4000-8000-000000000002';

  await connections.findById(customerId, connectionId);
  // @ts-expect-error the tenant is the first argument
  await connections.findById(connectionId);
  await connections.getById(customerId, connectionId);
  // @ts-expect-error the tenant is the first argument
  await connections.getById(connectionId);
  await connections.deleteById(customerId, connectionId);
  // @ts-expect-error the tenant is the first argument
  await connections.deleteById(connectionId);
  await connections.forEndUser(customerId, 'connector', 'user');
  // @ts-expect-error the tenant is the first argument
  await connections.forEndUser('connector', 'user');

  // The generic methods of TenantRepository: the tenant is its own argument, never part of the where clause.
  await connections.findOne(customerId, { id: connectionId });
  // @ts-expect-error a where clause alone, tenant inside, is not accepted
  await connections.findOne({ id: connectionId, customerId });
  // @ts-expect-error nor a second tenant inside the where clause
  await connections.find(customerId, { customerId: In([customerId, connectionId]) });
  // @ts-expect-error update needs the tenant first
  await connections.update({ id: connectionId }, { status: 'active' });
  // @ts-expect-error a patch cannot move rows to another tenant
  await connections.update(customerId, { id: connectionId }, { customerId: connectionId });

  await events.record(customerId, connectionId, { status: 'connected' });
  // @ts-expect-error the tenant is the first argument
  await events.record(connectionId, { status: 'connected' });
  // @ts-expect-error the tenant is the first argument
  await events.latest(connectionId, 100);

  await sessions.claimBrowser(customerId, 'session', 'hash');
  // @ts-expect-error the tenant is the first argument
  await sessions.claimBrowser('session', 'hash');
  // @ts-expect-error the tenant is the first argument
  await sessions.countAttempt('session', 20);
  // @ts-expect-error the tenant is the first argument
  await states.consume('state');
  // @ts-expect-error the tenant is the first argument
  await attempts.complete('attempt', { status: 'failed' });

  // Lookups by a secret are the named exceptions: the secret tells whose row it is.
  await sessions.findByTokenHash('hash');
  await states.findByStateHash('hash');

  const scoped: TenantWhere<ConnectionEntity> = { customerId, id: connectionId };
  // @ts-expect-error a tenant where clause cannot be built without the tenant
  const unscoped: TenantWhere<ConnectionEntity> = { id: connectionId };
  // @ts-expect-error nor with an operator that could widen it to other tenants
  const widened: TenantWhere<ConnectionEntity> = { customerId: In([customerId, connectionId]) };
  void [scoped, unscoped, widened];
}
