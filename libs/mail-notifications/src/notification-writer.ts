/** One accepted item, ready to be an event: its dedup key (hex) and the event's columns. */
export interface NotificationRow {
  key: string;
  customerId: string;
  connectionId: string;
  type: string;
  /** The event's data, as JSON. */
  data: string;
}

/** The pg pool's query, as the writer uses it. */
export interface WriterPool {
  query(text: string, values: unknown[]): Promise<{ rows: Array<{ key: Buffer }> }>;
}

interface Waiting {
  rows: NotificationRow[];
  resolve: (inserted: number) => void;
  reject: (error: unknown) => void;
}

/** Statements in flight at once; requests arriving meanwhile wait and go together in the next one. */
const MAX_IN_FLIGHT = 4;
/** A statement takes waiting requests until it holds this many rows. */
const MAX_ROWS = 2000;

/**
 * The one statement that records accepted notifications: their dedup keys (a key already recorded makes no event)
 * and their events, in the outbox, in one transaction. Group commit: with fewer than MAX_IN_FLIGHT statements
 * running a request's rows go at once (no waiting at low load); beyond that, the requests that arrive meanwhile share
 * the next statement, so a burst costs Postgres far fewer commits. Each request learns how many of its rows were new.
 */
export class NotificationWriter {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly pool: () => WriterPool) {}

  /** Writes the rows; answers how many became events (the others were duplicates). */
  write(rows: NotificationRow[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      let size = 0;
      let take = 0;
      while (take < this.waiting.length && (take === 0 || size + this.waiting[take].rows.length <= MAX_ROWS)) size += this.waiting[take++].rows.length;
      const group = this.waiting.splice(0, take);
      this.inFlight += 1;
      void this.flush(group).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  private async flush(group: Waiting[]): Promise<void> {
    // A key in two requests of the group (Graph delivering one item twice at once): the first one owns it.
    const owner = new Map<string, Waiting>();
    const rows: NotificationRow[] = [];
    for (const w of group) {
      for (const r of w.rows) {
        if (owner.has(r.key)) continue;
        owner.set(r.key, w);
        rows.push(r);
      }
    }
    try {
      const { rows: fresh } = await this.pool().query(
        `WITH i AS (SELECT * FROM unnest($1::bytea[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[]) AS t(key, customer_id, connection_id, type, data)),
              fresh AS (INSERT INTO mail_notification_keys (key) SELECT key FROM i ON CONFLICT DO NOTHING RETURNING key),
              written AS (INSERT INTO events (id, customer_id, type, connection_id, data)
                          SELECT gen_random_uuid(), i.customer_id, i.type, i.connection_id, i.data FROM i JOIN fresh ON fresh.key = i.key)
         SELECT key FROM fresh`,
        [rows.map((r) => Buffer.from(r.key, 'hex')), rows.map((r) => r.customerId), rows.map((r) => r.connectionId), rows.map((r) => r.type), rows.map((r) => r.data)],
      );
      const inserted = new Map<Waiting, number>();
      for (const { key } of fresh) {
        const w = owner.get(key.toString('hex'));
        if (w) inserted.set(w, (inserted.get(w) ?? 0) + 1);
      }
      for (const w of group) w.resolve(inserted.get(w) ?? 0);
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }
}
