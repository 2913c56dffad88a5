import type { EmulatorContext } from '../context';
import { AadError, aadErrorBody } from '../errors';
import { errorPage, formPostPage } from '../html';
import { redirect, Req, sendHtml, str } from '../http';
import { guid } from '../util';

/** Answers in the browser (authorize and consent): Microsoft's error page, or a redirect back to the app. */

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** Microsoft's own error page: for requests it cannot send back to the app (unknown tenant, app or redirect URI). */
export function showError(ctx: EmulatorContext, req: Req, clientId: string | undefined, code: number, message: string, outcome: string): void {
  ctx.state.countAuthorize(clientId, outcome);
  sendHtml(
    req.res,
    400,
    errorPage(code, message, {
      'Request Id': guid(),
      'Correlation Id': str(req.headers['client-request-id']) ?? guid(),
      Timestamp: ctx.state.nowDate().toISOString(),
      'App id': clientId ?? '',
    }),
  );
}

export function respondToClient(req: Req, mode: ResponseMode, redirectUri: string, fields: Record<string, string>): void {
  if (mode === 'form_post') {
    sendHtml(req.res, 200, formPostPage(redirectUri, fields));
    return;
  }
  const url = new URL(redirectUri);
  if (mode === 'fragment') url.hash = new URLSearchParams(fields).toString();
  else for (const [k, v] of Object.entries(fields)) url.searchParams.append(k, v);
  redirect(req.res, url.toString());
}

export function errorFields(ctx: EmulatorContext, err: AadError, state: string | undefined): Record<string, string> {
  const body = aadErrorBody(err, { now: ctx.state.nowDate(), publicUrl: ctx.publicUrl() });
  const fields: Record<string, string> = { error: err.error, error_description: String(body.error_description) };
  if (err.suberror) fields.suberror = err.suberror;
  if (state !== undefined) fields.state = state;
  return fields;
}
