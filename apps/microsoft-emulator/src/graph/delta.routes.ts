import type { EmulatorContext } from '../context';
import type { Req, Router } from '../http';
import type { EmulatorMessage, MailChangeKind, MailFolder } from '../mailbox';
import { parseFolder } from '../subscriptions';
import type { EmulatorUserKey } from '../users';
import { GraphHttp, MAIL_INSUFFICIENT, MAIL_SCOPES, select } from './graph-http';

/**
 * Where a delta round is: `sync` pages through the folder's messages (oldest first, after the cursor `a`),
 * `changes` pages through the changes with sequence numbers in (s, e], `delta` is a delta link (changes after s).
 */
interface DeltaState {
  m: 'sync' | 'changes' | 'delta';
  u: EmulatorUserKey;
  f: MailFolder;
  /** Page size. */
  n: number;
  sel?: string;
  s: number;
  e?: number;
  a?: [string, string];
  o?: number;
}

const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;
const FOLDER_SEGMENT_RE = /^mailFolders\('([^']*)'\)$/i;

const encodeState = (state: DeltaState) => Buffer.from(JSON.stringify(state)).toString('base64url');

function decodeState(token: string): DeltaState | undefined {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
    return state && typeof state === 'object' && ['sync', 'changes', 'delta'].includes(state.m) && Number.isInteger(state.s) && Number.isInteger(state.n) ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Graph's view of a stored message (as in mail.routes.ts: the internal `folder` is Graph's `parentFolderId`). */
function messageView(message: EmulatorMessage): Record<string, unknown> {
  const { folder, ...rest } = message;
  return { '@odata.etag': `W/"${message.changeKey}"`, ...rest, parentFolderId: folder };
}

/** Page size from `$top` or `Prefer: odata.maxpagesize=N`. */
function pageSize(req: Req): { size: number; preferred: boolean } {
  const prefer = /odata\.maxpagesize=(\d+)/i.exec(String(req.headers.prefer ?? ''));
  if (prefer) return { size: Math.min(MAX_PAGE, Math.max(1, Number(prefer[1]))), preferred: true };
  const top = req.url.searchParams.get('$top');
  return { size: top && /^\d+$/.test(top) ? Math.min(MAX_PAGE, Math.max(1, Number(top))) : DEFAULT_PAGE, preferred: false };
}

const byAge = (a: EmulatorMessage, b: EmulatorMessage) =>
  a.createdDateTime === b.createdDateTime ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdDateTime < b.createdDateTime ? -1 : 1;

/** Delta query for messages, per folder: pages with `@odata.nextLink`, ends with `@odata.deltaLink`, `@removed` for deletions. */
export function registerDeltaRoutes(router: Router, ctx: EmulatorContext, http: GraphHttp): void {
  const mailboxes = ctx.state.mailboxes;

  const handle = async (req: Req, folderName: string) => {
    const token = await http.guard(req, MAIL_SCOPES, MAIL_INSUFFICIENT);
    if (!token) return;
    const folder = parseFolder(folderName);
    if (!folder) return http.error(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const raw = req.url.searchParams.get('$deltatoken') ?? req.url.searchParams.get('$skiptoken');
    const page = pageSize(req);
    let decoded: DeltaState | undefined;
    if (raw === null) {
      decoded = { m: 'sync', u: token.userKey, f: folder, n: page.size, sel: req.url.searchParams.get('$select') ?? undefined, s: mailboxes.currentSeq() };
    } else {
      decoded = decodeState(raw);
      if (!decoded || decoded.u !== token.userKey || decoded.f !== folder) {
        return http.error(req, 400, 'ErrorInvalidSyncStateData', 'The sync state data is corrupt or otherwise invalid for this folder and user.');
      }
      if (page.preferred) decoded.n = page.size;
    }
    const state = decoded;

    const base = `${ctx.publicUrl()}${req.path}`;
    const link = (param: '$skiptoken' | '$deltatoken', next: DeltaState) => `${base}?${param}=${encodeState(next)}`;
    const view = (m: EmulatorMessage) => select(messageView(m), state.sel ?? null);
    const body: Record<string, unknown> = { '@odata.context': `${ctx.publicUrl()}/v1.0/$metadata#Collection(message)` };

    if (state.m === 'sync') {
      const after = state.a;
      const remaining = mailboxes
        .list(state.u, state.f)
        .slice()
        .sort(byAge)
        .filter((m) => !after || m.createdDateTime > after[0] || (m.createdDateTime === after[0] && m.id > after[1]));
      const items = remaining.slice(0, state.n);
      body.value = items.map(view);
      const last = items[items.length - 1];
      if (remaining.length > state.n) body['@odata.nextLink'] = link('$skiptoken', { ...state, a: [last.createdDateTime, last.id] });
      else body['@odata.deltaLink'] = link('$deltatoken', { m: 'delta', u: state.u, f: state.f, n: state.n, sel: state.sel, s: state.s });
    } else {
      const end = state.m === 'delta' ? mailboxes.currentSeq() : (state.e ?? mailboxes.currentSeq());
      const lastKind = new Map<string, MailChangeKind>();
      for (const change of mailboxes.changesSince(state.u, state.s, state.f)) {
        if (change.seq > end) break;
        lastKind.delete(change.messageId);
        lastKind.set(change.messageId, change.kind);
      }
      const ids = [...lastKind.keys()];
      const offset = state.m === 'delta' ? 0 : (state.o ?? 0);
      const pageIds = ids.slice(offset, offset + state.n);
      body.value = pageIds.map((id) => {
        const message = mailboxes.get(state.u, id);
        return message && message.folder === state.f ? view(message) : { '@odata.type': '#microsoft.graph.message', id, '@removed': { reason: 'deleted' } };
      });
      if (offset + state.n < ids.length) body['@odata.nextLink'] = link('$skiptoken', { ...state, m: 'changes', e: end, o: offset + state.n });
      else body['@odata.deltaLink'] = link('$deltatoken', { m: 'delta', u: state.u, f: state.f, n: state.n, sel: state.sel, s: end });
    }
    ctx.state.countGraph(req.path, '200');
    http.send(req, 200, body, page.preferred ? { 'Preference-Applied': `odata.maxpagesize=${page.size}` } : {});
  };

  router.on('GET', '/v1.0/me/:folder/messages/delta', async (req) => {
    const m = FOLDER_SEGMENT_RE.exec(req.params.folder);
    if (!m) return http.error(req, 400, 'BadRequest', `Resource not found for the segment '${req.params.folder}'.`);
    await handle(req, m[1]);
  });
  router.on('GET', '/v1.0/me/mailFolders/:id/messages/delta', (req) => handle(req, req.params.id));
}
