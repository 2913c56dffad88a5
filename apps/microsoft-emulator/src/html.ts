import type { EmulatorUser } from './users';
import { escapeHtml as e } from './util';

export const STYLESHEET_PATH = '/_emulator-assets/emulator.css';
const BANNER = 'Test double — not Microsoft';

export const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f2f2f2;margin:0;color:#1b1b1b}
.banner{background:#b00020;color:#fff;font-weight:700;text-align:center;padding:.6rem;letter-spacing:.02em}
main{max-width:32rem;margin:2rem auto;background:#fff;padding:2rem;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.4rem;margin-top:0}
fieldset{border:1px solid #ccc;padding:.8rem 1rem;margin:1rem 0}
label{display:block;margin:.4rem 0;cursor:pointer}
.muted{color:#616161;font-size:.85rem}
ul.scopes{padding-left:1.2rem}
.buttons{display:flex;gap:.8rem;justify-content:flex-end;margin-top:1.2rem}
button{font-size:1rem;padding:.5rem 1.4rem;border:1px solid #8a8a8a;background:#fff;cursor:pointer}
button.primary{background:#0067b8;color:#fff;border-color:#0067b8}
code{word-break:break-all}
.error{color:#b00020}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(title)} · ${e(BANNER)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<div class="banner" role="alert">${e(BANNER)}</div>
<main>
${body}
</main>
</body>
</html>`;
}

export interface ConsentPageInput {
  action: string;
  requestId: string;
  appName: string;
  clientId: string;
  tenant: string;
  scopes: string[];
  users: EmulatorUser[];
  selectedUserKey?: string;
}

const SCOPE_TEXT: Record<string, string> = {
  openid: 'Sign you in',
  profile: 'View your basic profile',
  email: 'View your email address',
  offline_access: 'Maintain access to data you have given it access to',
};

export function consentPage(input: ConsentPageInput): string {
  const selected = input.selectedUserKey ?? input.users[0]?.key;
  const users = input.users
    .map(
      (u) => `<label><input type="radio" name="user" value="${e(u.key)}"${u.key === selected ? ' checked' : ''} required>
 <strong>${e(u.displayName)}</strong> <span class="muted">${e(u.preferredUsername)} · ${e(u.accountType)} account</span></label>`,
    )
    .join('\n');
  const scopes = input.scopes.map((s) => `<li><code>${e(s)}</code>${SCOPE_TEXT[s] ? ` <span class="muted">${e(SCOPE_TEXT[s])}</span>` : ''}</li>`).join('\n');
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1>
<p><strong>${e(input.appName)}</strong> <span class="muted">(client id <code>${e(input.clientId)}</code>, tenant <code>${e(input.tenant)}</code>)</span> would like to:</p>
<ul class="scopes">
${scopes}
</ul>
<form method="post" action="${e(input.action)}">
<input type="hidden" name="request" value="${e(input.requestId)}">
<fieldset>
<legend>Sign in as</legend>
${users || '<p class="error">No emulated account can sign in through this tenant.</p>'}
</fieldset>
<div class="buttons">
<button type="submit" name="decision" value="decline">Decline</button>
<button type="submit" name="decision" value="accept" class="primary">Accept</button>
</div>
</form>
<p class="muted">This page is served by the Latchkey Microsoft emulator. No real Microsoft account is involved.</p>`,
  );
}

export function errorPage(code: number, message: string, details: Record<string, string> = {}): string {
  const rows = Object.entries(details)
    .map(([k, v]) => `<li>${e(k)}: <code>${e(v)}</code></li>`)
    .join('\n');
  return page(
    'Sign-in error',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p class="error" id="error-code">AADSTS${code}: ${e(message)}</p>
<ul class="muted">${rows}</ul>`,
  );
}

/** response_mode=form_post: a visible form the user submits (no script, so it works under a strict CSP). */
export function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('\n');
  return page(
    'Continue',
    `<h1>Returning to the application</h1>
<form method="post" action="${e(action)}">
${inputs}
<div class="buttons"><button type="submit" class="primary">Continue</button></div>
</form>`,
  );
}
