import type { CallbackResult, CatalogModel } from '@app/connect';
import type { ConnectionEntity } from '@app/database';
import { esc, layout } from './html';

function accountLine(c: ConnectionEntity, token: string, csrf: string): string {
  const who = c.msLabel ?? c.msDisplayName ?? 'Microsoft account';
  const status =
    c.status === 'active'
      ? '<span class="status active">Connected</span>'
      : '<span class="status needs_reauth">Needs reconnecting</span>';
  const reason = c.status !== 'active' && c.statusReason ? `<p class="reason">${esc(c.statusReason)}</p>` : '';
  return `<li data-connection-id="${esc(c.id)}">
  <span>${c.status === 'active' ? 'Connected as' : 'Was connected as'} <strong>${esc(who)}</strong></span>
  ${status}
  ${reason}
  <form class="inline" method="post" action="/connect/${esc(token)}/connections/${esc(c.id)}/disconnect">
    <input type="hidden" name="csrf" value="${esc(csrf)}">
    <button type="submit" class="danger" aria-label="Disconnect ${esc(who)}">Disconnect</button>
  </form>
</li>`;
}

/** Who the account is connected for, as the customer named them (name and email, else their id). */
function endUserLabel(session: CatalogModel['session']): string {
  const name = session.endUserDisplayName;
  const email = session.endUserEmail;
  if (name && email) return `${name} (${email})`;
  return name ?? email ?? session.endUserId;
}

/** Starting a flow is a POST with the page's CSRF token: a forwarded link alone cannot start one. */
function startButton(token: string, csrf: string, label: string, secondary: boolean): string {
  return `<form class="inline" method="post" action="/connect/${esc(token)}/outlook-email/start">
    <input type="hidden" name="csrf" value="${esc(csrf)}">
    <button type="submit"${secondary ? ' class="secondary"' : ''}>${esc(label)}</button>
  </form>`;
}

export function catalogPage(model: CatalogModel, token: string, flash: string | null): string {
  const { customer, session, connectors, csrfToken } = model;
  const who = endUserLabel(session);
  const cards = connectors.length
    ? connectors
        .map(({ connector, connections }) => {
          const logo = connector.logoUrl
            ? `<img src="${esc(connector.logoUrl)}" alt="">`
            : `<span class="logo-fallback" aria-hidden="true">${esc(connector.displayName.slice(0, 1).toUpperCase())}</span>`;
          const needsReauth = connections.some((c) => c.status !== 'active');
          const canAdd = connections.length === 0 || connector.multipleAccounts;
          const actions = [
            needsReauth ? startButton(token, csrfToken, 'Reconnect', false) : '',
            canAdd ? startButton(token, csrfToken, connections.length ? 'Connect another account' : 'Connect', needsReauth) : '',
            !canAdd && !needsReauth ? startButton(token, csrfToken, 'Switch account', true) : '',
          ].join('');
          return `<section class="connector" aria-labelledby="c-${esc(connector.id)}">
  ${logo}
  <div class="connector-body">
    <h2 id="c-${esc(connector.id)}">${esc(connector.displayName)}</h2>
    ${connector.description ? `<p class="muted">${esc(connector.description)}</p>` : ''}
    ${connections.length ? `<ul class="accounts">${connections.map((c) => accountLine(c, token, csrfToken)).join('')}</ul>` : '<p class="muted">Not connected</p>'}
    <div class="actions">${actions}</div>
  </div>
</section>`;
        })
        .join('\n')
    : `<p class="muted">${esc(customer.name)} has no connections available right now.</p>`;
  const back = session.returnUrl ? `<p><a href="${esc(session.returnUrl)}">Back to ${esc(customer.name)}</a></p>` : '';
  return layout({
    title: `${customer.name}: connections`,
    body: `<h1>${esc(customer.name)}</h1>
<p class="muted" id="connecting-for">Connecting an Outlook account for <strong>${esc(who)}</strong>. If that is not you, close this page.</p>
${flash ? `<div class="banner ok" role="status">${esc(flash)}</div>` : ''}
${cards}
${back}`,
  });
}

export function resultPage(result: CallbackResult, allowedOrigins: string[]): string {
  const { customer, session, sessionToken } = result;
  const catalogLink = sessionToken && session && session.expiresAt.getTime() > Date.now() ? `/connect/${sessionToken}` : null;
  const payload =
    result.kind === 'connected'
      ? { source: 'latchkey', type: 'connect.result', status: 'connected', connectionId: result.connection.id, endUserId: result.connection.endUserId, account: result.connection.msLabel }
      : { source: 'latchkey', type: 'connect.result', status: result.status, endUserId: session?.endUserId ?? null, error: { code: result.error, aadsts: result.errorCode, message: result.message } };
  let returnUrl: string | null = null;
  if (session?.returnUrl) {
    const url = new URL(session.returnUrl);
    url.searchParams.set('latchkey_status', payload.status);
    if (result.kind === 'connected') url.searchParams.set('connection_id', result.connection.id);
    returnUrl = url.toString();
  }
  const links = [
    returnUrl ? `<a class="button" href="${esc(returnUrl)}">Back to ${esc(customer.name)}</a>` : '',
    catalogLink ? `<a class="button secondary" href="${esc(catalogLink)}">${result.kind === 'connected' ? 'See connections' : 'Try again'}</a>` : '',
  ].join('');
  const body =
    result.kind === 'connected'
      ? `<h1>Connected</h1>
<div class="banner ok" role="status">Your Microsoft account <strong>${esc(result.connection.msLabel ?? '')}</strong> is now connected to ${esc(customer.name)}.${result.replacedAccount ? ' It replaces the account connected before.' : ''}</div>`
      : `<h1>${esc(result.title)}</h1>
<div class="banner bad" role="alert">${esc(result.message)}</div>
${result.errorCode || result.error ? `<p class="code">Reference: ${esc(result.errorCode ?? result.error)}</p>` : ''}`;
  return layout({
    title: result.kind === 'connected' ? 'Connected' : result.title,
    body: `${body}
<p id="popup-note" class="muted" hidden>This window will close by itself.</p>
<div class="actions">${links}</div>`,
    data: { result: JSON.stringify(payload), origins: JSON.stringify(allowedOrigins), ...(returnUrl ? { 'return-url': returnUrl } : {}) },
  });
}

export function errorPage(title: string, message: string, reference?: string): string {
  return layout({
    title,
    body: `<h1>${esc(title)}</h1>
<div class="banner bad" role="alert">${esc(message)}</div>
${reference ? `<p class="code">Reference: ${esc(reference)}</p>` : ''}`,
  });
}
