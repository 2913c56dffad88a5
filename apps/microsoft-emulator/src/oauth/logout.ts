import { errorPage } from '../html';
import { redirect, Req, sendHtml } from '../http';

/** GET /{tenant}/oauth2/v2.0/logout: back to post_logout_redirect_uri, or a signed-out page. */
export function logout(req: Req): void {
  const target = req.url.searchParams.get('post_logout_redirect_uri');
  if (target && /^https?:\/\//.test(target)) return redirect(req.res, target);
  sendHtml(req.res, 200, errorPage(0, 'You have been signed out of the emulator.').replace('AADSTS0: ', ''));
}
