import type { EmulatorContext } from '../context';
import type { Router } from '../http';
import type { EmulatorMessage } from '../mailbox';
import { EMULATOR_USERS } from '../users';
import { GraphHttp, MAIL_INSUFFICIENT, MAIL_SCOPES, select } from './graph-http';

/** Graph's view of a stored message (the emulator's `folder` is internal: Graph says `parentFolderId`). */
function messageView(message: EmulatorMessage): Record<string, unknown> {
  const { folder, ...rest } = message;
  return { '@odata.etag': `W/"${message.changeKey}"`, ...rest, parentFolderId: folder };
}

/** Mail: list and get messages of the signed-in user's mailbox. */
export function registerMailRoutes(router: Router, ctx: EmulatorContext, http: GraphHttp): void {
  router.on('GET', '/v1.0/me/messages', async (req) => {
    const token = await http.guard(req, MAIL_SCOPES, MAIL_INSUFFICIENT);
    if (!token) return;
    const u = EMULATOR_USERS[token.userKey];
    const topParam = req.url.searchParams.get('$top');
    const top = topParam && /^\d+$/.test(topParam) ? Math.min(1000, Number(topParam)) : 10;
    const sel = req.url.searchParams.get('$select');
    const value = ctx.state.mailboxes
      .list(token.userKey)
      .slice(0, top)
      .map((msg) => select(messageView(msg), sel));
    ctx.state.countGraph(req.path, '200');
    http.send(req, 200, { '@odata.context': `${ctx.publicUrl()}/v1.0/$metadata#users('${u.id}')/messages`, value });
  });

  router.on('GET', '/v1.0/me/messages/:id', async (req) => {
    const token = await http.guard(req, MAIL_SCOPES, MAIL_INSUFFICIENT);
    if (!token) return;
    const msg = ctx.state.mailboxes.get(token.userKey, req.params.id);
    if (!msg) return http.error(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    ctx.state.countGraph(req.path, '200');
    http.send(req, 200, select(messageView(msg), req.url.searchParams.get('$select')));
  });
}
