/*
 * Compiled by `npm run typecheck`, never run: each line marked @ts-expect-error must fail to compile, so a repository
 * method of this lib that stopped requiring the tenant breaks the build. The body sits in a function nobody calls.
 */
import type { EntityManager } from 'typeorm';
import type { ApiKeysRepository } from './api-keys.repository';
import type { ConsoleSessionsRepository } from './console-sessions.repository';
import type { CustomersRepository } from './customers.repository';
import type { MembersRepository } from './members.repository';

async function _tenancyTypeTest(
  customers: CustomersRepository,
  keys: ApiKeysRepository,
  members: MembersRepository,
  sessions: ConsoleSessionsRepository,
  em: EntityManager,
): Promise<void> {
  const customerId = '00000000-0000-4000-8000-000000000001';
  const id = '00000000-0000-4000-8000-000000000002';

  await customers.getById(customerId);
  // @ts-expect-error the customers table is keyed by the customer id
  await customers.update({ name: 'x' });
  // @ts-expect-error the patch cannot change the key
  await customers.update(customerId, { id });

  await keys.getById(customerId, id);
  // @ts-expect-error the tenant is the first argument
  await keys.getById(id);
  // @ts-expect-error the tenant is the first argument
  await keys.lockById(id, em);
  // @ts-expect-error the tenant is the first argument
  await keys.touchLastUsed(id);
  // @ts-expect-error a where clause alone, tenant inside, is not accepted
  await keys.findOne({ id, customerId });
  // @ts-expect-error a patch cannot move a key to another tenant
  await keys.update(customerId, { id }, { customerId: id });

  await members.list(customerId);
  // @ts-expect-error the tenant is the first argument
  await members.reserveSignIn(id, 5, 900);
  // @ts-expect-error the tenant is the first argument
  await members.recordSignIn(id);
  // @ts-expect-error delete needs the tenant first
  await members.delete({ id });

  // @ts-expect-error the tenant is the first argument
  await sessions.touch(id);
  // @ts-expect-error insert needs the tenant first
  await sessions.insert({ id, tokenHash: 'hash', memberId: id, lastSeenAt: new Date(), expiresAt: new Date() });

  // Lookups by a secret are the named exceptions: the secret tells whose row it is.
  await keys.findActiveByKeyHash('hash');
  await members.findByEmail('jane@acme.example');
  await members.findByInviteTokenHash('hash');
  await sessions.findLiveByTokenHash('hash', 7200);
  await sessions.deleteByTokenHash('hash');
}
