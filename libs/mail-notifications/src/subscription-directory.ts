import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MailFolderSetting } from '@app/database';

/** What the receiving endpoints need to know about a subscription, keyed by Graph's subscription id. */
export interface KnownSubscription {
  /** The id as Graph gave it at creation (a notification may spell a GUID in another case). */
  graphSubscriptionId: string;
  customerId: string;
  connectionId: string;
  endUserId: string;
  folder: MailFolderSetting;
  clientStateHash: Buffer;
}

/** How long an entry is kept: a replaced or removed subscription is forgotten within it. */
const TTL_MS = 15_000;
/**
 * How long an unknown id stays unknown: briefly (a flood of unknown ids still costs one read a second each), since a
 * new subscription's first notification can beat the commit of its row by milliseconds, and the ones after it must not
 * be dropped for 15 s more.
 */
const UNKNOWN_TTL_MS = 1_000;
const MAX_ENTRIES = 200_000;

interface Entry {
  value: KnownSubscription | null;
  until: number;
}

/**
 * Graph subscription id -> its connection and clientState hash, in memory, so a notification batch costs at most one
 * read for the ids not seen in the last 15 s and usually none. The tenant is resolved from the subscription id, the
 * one cross-tenant lookup here (like an API key hash): its clientState is checked before anything is written.
 */
@Injectable()
export class SubscriptionDirectory {
  private readonly entries = new Map<string, Entry>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async lookup(ids: string[], now = Date.now()): Promise<Map<string, KnownSubscription | null>> {
    const found = new Map<string, KnownSubscription | null>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const entry = this.entries.get(id);
      if (entry && entry.until > now) found.set(id, entry.value);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    // GUIDs are case-insensitive: a notification may spell one in another case than the create's answer did.
    const candidates = [...new Set(missing.flatMap((id) => [id, id.toLowerCase(), id.toUpperCase()]))];
    const rows: Array<{ id: string; customer_id: string; connection_id: string; end_user_id: string; resource: string; client_state_hash: Buffer }> = await this.db.query(
      `SELECT s.graph_subscription_id AS id, s.customer_id, s.connection_id, c.end_user_id, s.resource, s.client_state_hash
         FROM mail_subscriptions s JOIN connections c ON c.id = s.connection_id AND c.customer_id = s.customer_id
        WHERE s.graph_subscription_id = ANY ($1::text[]) AND NOT s.connection_gone AND s.client_state_hash IS NOT NULL`,
      [candidates],
    );
    if (this.entries.size + missing.length > MAX_ENTRIES) this.entries.clear();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byLowerId = new Map(rows.map((r) => [r.id.toLowerCase(), r]));
    for (const id of missing) {
      const r = byId.get(id) ?? byLowerId.get(id.toLowerCase());
      const value: KnownSubscription | null = r
        ? { graphSubscriptionId: r.id, customerId: r.customer_id, connectionId: r.connection_id, endUserId: r.end_user_id, folder: r.resource === 'me/messages' ? 'all' : 'inbox', clientStateHash: r.client_state_hash }
        : null;
      this.entries.set(id, { value, until: now + (value ? TTL_MS : UNKNOWN_TTL_MS) });
      found.set(id, value);
    }
    return found;
  }
}
