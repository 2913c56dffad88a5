// A customer's web app using both Latchkey libraries: @latchkey/node on the server (connect sessions, tokens,
// webhooks) and @latchkey/connect in the page (the catalog in a popup). server.js runs it; the tests drive it too.
const express = require('express');

const DEMO_USER = 'example-user';

/**
 * @param {object} o
 * @param {object} o.latchkey a Latchkey client (new Latchkey(...) from @latchkey/node)
 * @param {string} o.graphUrl Microsoft Graph's origin (the sandbox in development)
 * @param {string} o.connectScript the @latchkey/connect module's source, served to the page
 * @param {() => string | undefined} o.webhookSecret the signing secret of this app's webhook endpoint
 */
function createApp({ latchkey, graphUrl, connectScript, webhookSecret }) {
  const app = express();
  const events = [];

  app.get('/', (_req, res) => res.type('html').send(PAGE));
  app.get('/latchkey-connect.js', (_req, res) => res.type('text/javascript').send(connectScript));

  // The page asks for a connect session; the API key never leaves the server.
  app.post('/api/connect-session', async (req, res, next) => {
    try {
      const origin = `${req.protocol}://${req.get('host')}`;
      const session = await latchkey.connectSessions.create({ endUser: { id: DEMO_USER, displayName: 'Example user' }, returnUrl: `${origin}/` });
      res.json({ url: session.url });
    } catch (error) {
      next(error);
    }
  });

  // A fresh Graph token for the user (cached in the client while it stays valid), then Graph itself.
  app.get('/api/messages', async (_req, res, next) => {
    try {
      const token = await latchkey.endUsers.token(DEMO_USER, { minValidity: 60 });
      const graph = await fetch(`${graphUrl}/v1.0/me/messages?$top=5&$select=subject,from`, { headers: { Authorization: `Bearer ${token.accessToken}` } });
      const body = await graph.json();
      res.status(graph.status).json({ account: token.account.label, messages: (body.value ?? []).map((m) => m.subject) });
    } catch (error) {
      next(error);
    }
  });

  // Webhooks: verify the raw body first, answer 2xx at once, work afterwards.
  app.post('/webhooks/latchkey', express.raw({ type: '*/*' }), (req, res) => {
    let event;
    try {
      event = latchkey.webhooks.verify(req.body, req.headers, webhookSecret() ?? '');
    } catch {
      res.status(400).send('bad signature');
      return;
    }
    res.status(204).end();
    events.unshift({ id: event.id, type: event.type, createdAt: event.createdAt });
    events.splice(20);
  });
  app.get('/api/events', (_req, res) => res.json(events));

  // Latchkey's errors are typed: a connection to redo is a 409 the page turns into "Connect again".
  app.use((error, _req, res, _next) => {
    const status = error.code === 'CONNECTION_NEEDS_REAUTH' || error.code === 'NOT_FOUND' ? 409 : 500;
    res.status(status).json({ code: error.code ?? 'INTERNAL_ERROR', detail: error.detail ?? error.message });
  });
  return app;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Example app</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:640px;margin:40px auto;padding:0 16px}button{font:inherit;padding:8px 16px}</style>
</head><body>
<h1>Example app</h1>
<p>Connect your Outlook mailbox, then read your latest messages through Latchkey.</p>
<p><button id="connect">Connect Outlook</button></p>
<p id="status" role="status">Not connected yet.</p>
<ul id="messages"></ul>
<h2>Webhooks received</h2>
<ul id="events"></ul>
<script type="module">
import { openConnect, readConnectResult } from '/latchkey-connect.js';
const status = document.getElementById('status');
async function showMessages() {
  const res = await fetch('/api/messages');
  const body = await res.json();
  if (!res.ok) { status.textContent = body.code === 'CONNECTION_NEEDS_REAUTH' ? 'Please connect again.' : body.detail; return; }
  status.textContent = 'Connected as ' + body.account;
  document.getElementById('messages').replaceChildren(...body.messages.map((s) => Object.assign(document.createElement('li'), { textContent: s })));
}
async function showEvents() {
  const events = await (await fetch('/api/events')).json();
  document.getElementById('events').replaceChildren(...events.map((e) => Object.assign(document.createElement('li'), { textContent: e.type })));
}
document.getElementById('connect').addEventListener('click', async () => {
  const { url } = await (await fetch('/api/connect-session', { method: 'POST' })).json();
  const result = await openConnect(url, { width: 520, height: 720 });
  if (result.status === 'connected') await showMessages();
  else status.textContent = result.status === 'closed' ? 'You closed the window.' : 'Not connected: ' + (result.error?.message ?? result.status);
});
if (readConnectResult()?.status === 'connected') showMessages();
setInterval(showEvents, 2000);
</script>
</body></html>`;

module.exports = { createApp };
