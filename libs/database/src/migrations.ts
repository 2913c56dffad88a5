import { Foundation1763862000000 } from '../../../migrations/1763862000000-foundation';
import { ConnectFlow1763870000000 } from '../../../migrations/1763870000000-connect-flow';
import { TokenRefresh1763880000000 } from '../../../migrations/1763880000000-token-refresh';
import { Console1763890000000 } from '../../../migrations/1763890000000-console';
import { Housekeeping1763900000000 } from '../../../migrations/1763900000000-housekeeping';
import { ConnectionReads1763910000000 } from '../../../migrations/1763910000000-connection-reads';
import { ForeignKeyIndexes1764720500000 } from '../../../migrations/1764720500000-foreign-key-indexes';
import { ConnectSessionBinding1764720200000 } from '../../../migrations/1764720200000-connect-session-binding';
import { RefreshFailureScope1764720000000 } from '../../../migrations/1764720000000-refresh-failure-scope';
import { RefreshTiming1764720100000 } from '../../../migrations/1764720100000-refresh-timing';
import { Webhooks1764800000000 } from '../../../migrations/1764800000000-webhooks';
import { MailNotifications1764900000000 } from '../../../migrations/1764900000000-mail-notifications';

/** Every migration, in order. Adding a file under migrations/ means adding it here. */
export const MIGRATIONS = [
  Foundation1763862000000,
  ConnectFlow1763870000000,
  TokenRefresh1763880000000,
  Console1763890000000,
  Housekeeping1763900000000,
  ConnectionReads1763910000000,
  RefreshFailureScope1764720000000,
  RefreshTiming1764720100000,
  ConnectSessionBinding1764720200000,
  ForeignKeyIndexes1764720500000,
  Webhooks1764800000000,
  MailNotifications1764900000000,
];
