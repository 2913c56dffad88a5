/**
 * A failure shown to an end user as a page (never JSON, never a stack trace). `reason` is a stable code that
 * tests and logs use; title and message are for the person in front of the browser.
 */
export type ConnectPageReason =
  | 'session_unknown'
  | 'session_expired'
  | 'connector_unavailable'
  | 'state_missing'
  | 'state_unknown'
  | 'state_expired'
  | 'state_replayed'
  | 'state_foreign'
  | 'browser_mismatch'
  | 'connection_unknown'
  | 'session_foreign'
  | 'csrf_invalid'
  | 'too_many_attempts'
  | 'use_catalog';

export class ConnectPageError extends Error {
  constructor(
    readonly reason: ConnectPageReason,
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectPageError';
  }
}

export const PAGE_ERRORS = {
  sessionUnknown: () =>
    new ConnectPageError('session_unknown', 404, 'This link is not valid', 'The connection link is incomplete or unknown. Go back to the app you came from and click Connect again.'),
  sessionExpired: (app: string) =>
    new ConnectPageError('session_expired', 410, 'This link has expired', `Connection links are valid for 30 minutes. Go back to ${app} and click Connect again to get a fresh one.`),
  connectorUnavailable: (app: string) =>
    new ConnectPageError('connector_unavailable', 404, 'This connection is not available', `${app} has not enabled Outlook Email. Nothing was changed. Please contact ${app}'s support.`),
  stateMissing: () =>
    new ConnectPageError('state_missing', 400, 'The sign-in answer is incomplete', 'Microsoft sent you back without the information needed to finish. Nothing was connected. Start again from the app you came from.'),
  stateUnknown: () =>
    new ConnectPageError('state_unknown', 400, 'This sign-in cannot be finished', 'We do not recognise this sign-in. It may come from an old or altered link. Nothing was connected. Start again from the app you came from.'),
  stateExpired: () =>
    new ConnectPageError('state_expired', 400, 'The sign-in took too long', 'Sign-ins must be finished within 10 minutes. Nothing was connected. Start again from the app you came from.'),
  stateReplayed: () =>
    new ConnectPageError('state_replayed', 400, 'This sign-in was already used', 'This sign-in has already been completed or used once. Nothing was changed. If you are not connected yet, start again from the app you came from.'),
  stateForeign: () =>
    new ConnectPageError('state_foreign', 400, 'This sign-in does not belong here', 'The sign-in answer arrived at the wrong address, so it was refused. Nothing was connected. Start again from the app you came from.'),
  browserMismatch: () =>
    new ConnectPageError('browser_mismatch', 400, 'Finish in the same browser', 'This sign-in was started in another browser (or its cookies were cleared), so it was refused to protect your account. Nothing was connected. Start again in this browser.'),
  connectionUnknown: () =>
    new ConnectPageError('connection_unknown', 404, 'Connection not found', 'This connection no longer exists. Go back to the list of connections.'),
  sessionForeign: (app: string) =>
    new ConnectPageError(
      'session_foreign',
      403,
      'This link belongs to someone else',
      `This connection link was already opened in another browser, and it only works there. If it was sent to you, do not use it: go to ${app} and click Connect there to get your own link.`,
    ),
  csrfInvalid: () =>
    new ConnectPageError('csrf_invalid', 403, 'Start from the connections page', 'This request did not come from your connections page, so nothing was started. Go back to the connections page and click Connect there.'),
  tooManyAttempts: (app: string) =>
    new ConnectPageError('too_many_attempts', 429, 'Too many attempts with this link', `This link has been used to start too many sign-ins. Go back to ${app} and click Connect again to get a fresh link.`),
  useCatalog: () =>
    new ConnectPageError('use_catalog', 405, 'Start from the connections page', 'Connections are started with the Connect button on the connections page. Open the link you were given and click Connect there.'),
};
