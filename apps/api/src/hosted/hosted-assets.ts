/** Served as files (never inline) so the strict Content-Security-Policy holds. */
export const HOSTED_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f8fa; }
.card { max-width: 560px; margin: 24px auto; background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 24px; }
@media (max-width: 600px) { .card { margin: 0; border-radius: 0; border-left: 0; border-right: 0; min-height: 100vh; } }
h1 { font-size: 1.35rem; margin: 0 0 4px; }
h2 { font-size: 1.05rem; margin: 0; }
p { margin: 8px 0; }
.muted { color: var(--muted); font-size: .92rem; }
.connector { display: flex; gap: 16px; align-items: flex-start; border-top: 1px solid var(--line); padding: 16px 0 0; margin-top: 16px; }
.connector img { width: 44px; height: 44px; border-radius: 8px; object-fit: contain; flex: none; }
.logo-fallback { width: 44px; height: 44px; border-radius: 8px; background: #0b5cad; color: #fff; display: grid; place-items: center; font-weight: 700; flex: none; }
.connector-body { flex: 1; min-width: 0; }
.accounts { list-style: none; padding: 0; margin: 12px 0 0; }
.accounts li { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin-bottom: 8px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; }
.status { font-size: .85rem; font-weight: 600; padding: 2px 8px; border-radius: 999px; }
.status.active { color: var(--ok); background: #dafbe1; }
.status.needs_reauth, .status.error { color: var(--bad); background: #ffebe9; }
.reason { flex-basis: 100%; font-size: .9rem; color: var(--bad); margin: 0; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 12px; }
.button, button { display: inline-block; font: inherit; font-weight: 600; padding: 8px 16px; border-radius: 8px; border: 1px solid var(--accent); background: var(--accent); color: #fff; text-decoration: none; cursor: pointer; min-height: 44px; }
.button.secondary, button.secondary { background: #fff; color: var(--accent); }
button.danger { background: #fff; color: var(--bad); border-color: var(--bad); min-height: 36px; padding: 4px 12px; }
.button:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #f2b01e; outline-offset: 2px; }
.inline { display: inline; margin: 0; }
.banner { border-radius: 8px; padding: 12px; margin: 12px 0; }
.banner.ok { background: #dafbe1; color: #0f5323; }
.banner.bad { background: #ffebe9; color: #82071e; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; color: var(--muted); }
.footer { text-align: center; color: var(--muted); font-size: .8rem; margin: 16px 0; }
`;

/**
 * Popup and full-page completion. In a popup, the result goes to the opener with postMessage, addressed only to
 * the customer's allowed origins, and the popup closes. As a full page, a success returns to the customer's app.
 */
export const HOSTED_JS = `
(function () {
  var body = document.body;
  var raw = body.getAttribute('data-result');
  if (!raw) return;
  var result;
  try { result = JSON.parse(raw); } catch (e) { return; }
  var origins = [];
  try { origins = JSON.parse(body.getAttribute('data-origins') || '[]'); } catch (e) { origins = []; }
  var opener = window.opener;
  if (opener && opener !== window && origins.length > 0) {
    for (var i = 0; i < origins.length; i++) {
      try { opener.postMessage(result, origins[i]); } catch (e) { /* an origin the opener is not on */ }
    }
    var note = document.getElementById('popup-note');
    if (note) note.hidden = false;
    setTimeout(function () { window.close(); }, 600);
    return;
  }
  var back = body.getAttribute('data-return-url');
  if (back && result.status === 'connected') {
    setTimeout(function () { window.location.assign(back); }, 1500);
  }
})();
`;
