import { pipeline } from 'node:stream/promises';
import { EmulatorAttachment, generatedStream, MAX_UPLOAD_BYTES } from '../attachments';
import type { EmulatorContext } from '../context';
import type { Req, Router } from '../http';
import type { EmulatorMessage } from '../mailbox';
import { EMULATOR_USERS, findUser } from '../users';
import { GraphHttp, MAIL_INSUFFICIENT, MAIL_SCOPES, MAIL_SEND_SCOPES, MAIL_WRITE_SCOPES, select } from './graph-http';

/** Graph puts `contentBytes` in a file attachment's JSON; the emulator only for those up to 3 MB (use `$value` above). */
const INLINE_CONTENT_BYTES = 3 * 1024 * 1024;

/** Graph's view of a stored message (the emulator's `folder` is internal: Graph says `parentFolderId`). */
function messageView(message: EmulatorMessage): Record<string, unknown> {
  const { folder, ...rest } = message;
  return { '@odata.etag': `W/"${message.changeKey}"`, ...rest, parentFolderId: folder };
}

function attachmentView(a: EmulatorAttachment): Record<string, unknown> {
  const bytes = a.content.kind === 'stored' && a.size <= INLINE_CONTENT_BYTES ? { contentBytes: a.content.bytes.toString('base64') } : {};
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    '@odata.mediaContentType': a.contentType,
    id: a.id,
    lastModifiedDateTime: a.lastModifiedDateTime,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    isInline: a.isInline,
    contentId: null,
    contentLocation: null,
    ...bytes,
  };
}

interface Recipient {
  emailAddress?: { address?: unknown; name?: unknown };
}

function addresses(list: unknown): Array<{ name?: string; address: string }> {
  const out: Array<{ name?: string; address: string }> = [];
  for (const r of Array.isArray(list) ? (list as Recipient[]) : []) {
    const { address, name } = r?.emailAddress ?? {};
    if (typeof address === 'string' && address.includes('@')) out.push({ address, ...(typeof name === 'string' ? { name } : {}) });
  }
  return out;
}

/** Mail: messages (list, get), sendMail, attachments (list, get, `$value`) and attachment upload sessions. */
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

  router.on('POST', '/v1.0/me/sendMail', async (req) => {
    const token = await http.guard(req, MAIL_SEND_SCOPES, MAIL_INSUFFICIENT);
    if (!token) return;
    const message = req.body.message as Record<string, unknown> | undefined;
    if (!message || typeof message !== 'object') return http.error(req, 400, 'ErrorInvalidRequest', 'The message is missing.');
    const to = addresses(message.toRecipients);
    if (to.length === 0) return http.error(req, 400, 'ErrorInvalidRecipients', "At least one recipient isn't valid.");
    const sender = EMULATOR_USERS[token.userKey];
    const body = message.body as { content?: unknown } | undefined;
    const input = {
      subject: typeof message.subject === 'string' ? message.subject : '',
      body: typeof body?.content === 'string' ? body.content : '',
      from: { name: sender.displayName, address: sender.mail ?? sender.email },
      to,
    };
    if (req.body.saveToSentItems !== false) ctx.state.mailboxes.deliver(token.userKey, { ...input, folder: 'sentitems' });
    for (const recipient of to) {
      const user = findUser(recipient.address);
      if (user) ctx.state.mailboxes.deliver(user.key, input);
    }
    ctx.state.countGraph(req.path, '202');
    req.res.writeHead(202, { ...http.idHeaders(req), 'Content-Length': 0 });
    req.res.end();
  });

  router.on('GET', '/v1.0/me/messages/:id/attachments', async (req) => {
    const token = await http.guard(req, MAIL_SCOPES, MAIL_INSUFFICIENT);
    if (!token) return;
    const msg = ctx.state.mailboxes.get(token.userKey, req.params.id);
    if (!msg) return http.error(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const value = ctx.state.mailboxes.attachments.list(token.userKey, msg.id).map(attachmentView);
    ctx.state.countGraph(req.path, '200');
    http.send(req, 200, { '@odata.context': `${ctx.publicUrl()}/v1.0/$metadata#users('${EMULATOR_USERS[token.userKey].id}')/messages('${msg.id}')/attachments`, value });
  });

  router.on('GET', '/v1.0/me/messages/:id/attachments/:aid', async (req) => {
    const token = await http.guard(req, MAIL_SCOPES, MAIL_INSUFFICIENT);
    if (!token) return;
    const attachment = ctx.state.mailboxes.attachments.get(token.userKey, req.params.id, req.params.aid);
    if (!attachment) return http.error(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    ctx.state.countGraph(req.path, '200');
    http.send(req, 200, select(attachmentView(attachment), req.url.searchParams.get('$select')));
  });

  router.on('GET', '/v1.0/me/messages/:id/attachments/:aid/$value', async (req) => {
    const token = await http.guard(req, MAIL_SCOPES, MAIL_INSUFFICIENT);
    if (!token) return;
    const attachment = ctx.state.mailboxes.attachments.get(token.userKey, req.params.id, req.params.aid);
    if (!attachment) return http.error(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (attachment.content.kind === 'digest') {
      return http.error(req, 501, 'NotImplemented', 'The emulator keeps only the size and SHA-256 of uploads over 4 MB, not their bytes.');
    }
    ctx.state.countGraph(req.path, '200');
    req.res.writeHead(200, { ...http.idHeaders(req), 'Content-Type': attachment.contentType, 'Content-Length': attachment.size });
    if (req.method === 'HEAD') return void req.res.end();
    if (attachment.content.kind === 'stored') return void req.res.end(attachment.content.bytes);
    await pipeline(generatedStream(attachment.content.seed, attachment.size), req.res).catch(() => req.res.destroy());
  });

  router.on('POST', '/v1.0/me/messages/:id/attachments/createUploadSession', async (req) => {
    const token = await http.guard(req, MAIL_WRITE_SCOPES, MAIL_INSUFFICIENT);
    if (!token) return;
    const msg = ctx.state.mailboxes.get(token.userKey, req.params.id);
    if (!msg) return http.error(req, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    const item = req.body.AttachmentItem as { attachmentType?: unknown; name?: unknown; size?: unknown; contentType?: unknown } | undefined;
    const size = Number(item?.size);
    if (!item || item.attachmentType !== 'file' || typeof item.name !== 'string' || !item.name || !Number.isInteger(size) || size < 1 || size > MAX_UPLOAD_BYTES) {
      return http.error(req, 400, 'ErrorInvalidRequest', `AttachmentItem needs attachmentType "file", a name and a size from 1 to ${MAX_UPLOAD_BYTES} bytes.`);
    }
    const contentType = typeof item.contentType === 'string' ? item.contentType : undefined;
    const session = ctx.state.mailboxes.attachments.createSession(token.userKey, token.clientId, msg.id, { name: item.name, size, contentType });
    ctx.state.countGraph(req.path, '201');
    http.send(req, 201, {
      '@odata.context': `${ctx.publicUrl()}/v1.0/$metadata#microsoft.graph.uploadSession`,
      uploadUrl: `${ctx.publicUrl()}/v1.0/me/messages/${encodeURIComponent(msg.id)}/attachments/uploadSessions/${session.id}`,
      expirationDateTime: new Date(session.expiresAt).toISOString(),
      nextExpectedRanges: ['0-'],
    });
  });

  // Like Graph's upload URL, the session id is the credential: no Authorization header is needed (one is ignored).
  router.on('PUT', '/v1.0/me/messages/:id/attachments/uploadSessions/:sid', (req) => uploadChunk(ctx, http, req), { raw: true });
}

/** One chunk of an upload session, read as it streams in (`Content-Range: bytes {start}-{end}/{total}`). */
async function uploadChunk(ctx: EmulatorContext, http: GraphHttp, req: Req): Promise<void> {
  const attachments = ctx.state.mailboxes.attachments;
  const session = attachments.session(req.params.sid);
  const refuse = (status: number, code: string, message: string) => {
    req.raw.resume();
    http.error(req, status, code, message);
  };
  if (!session || session.messageId !== req.params.id) return refuse(404, 'ErrorItemNotFound', 'The upload session was not found or has expired.');
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
  const length = Number(req.headers['content-length']);
  if (!range || Number(range[3]) !== session.size || Number(range[1]) !== session.received || Number(range[2]) < Number(range[1]) || Number(range[2]) >= session.size) {
    return refuse(416, 'InvalidRange', `Send Content-Range: bytes ${session.received}-{end}/${session.size}.`);
  }
  const expected = Number(range[2]) - Number(range[1]) + 1;
  if (length !== expected) return refuse(400, 'ErrorInvalidRequest', 'Content-Length must match the Content-Range.');
  if (!(await http.admit(req, session.userKey, session.clientId))) return void req.raw.resume();
  let got = 0;
  for await (const chunk of req.raw) {
    got += (chunk as Buffer).length;
    if (got > expected) return void req.raw.destroy();
    attachments.receive(session, chunk as Buffer);
  }
  if (got !== expected) return http.error(req, 400, 'ErrorInvalidRequest', 'The chunk ended before Content-Length bytes.');
  if (session.received < session.size) {
    ctx.state.countGraph(req.path, '200');
    return http.send(req, 200, { expirationDateTime: new Date(session.expiresAt).toISOString(), nextExpectedRanges: [`${session.received}-`] });
  }
  const attachment = attachments.complete(session);
  const msg = ctx.state.mailboxes.get(session.userKey, session.messageId);
  if (msg) msg.hasAttachments = true;
  ctx.state.countGraph(req.path, '201');
  req.res.writeHead(201, { ...http.idHeaders(req), Location: `${ctx.publicUrl()}/v1.0/me/messages/${encodeURIComponent(session.messageId)}/attachments/${attachment.id}`, 'Content-Length': 0 });
  req.res.end();
}
