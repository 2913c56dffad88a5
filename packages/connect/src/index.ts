/** What the hosted catalog posts to its opener when a connect attempt ends, or `closed` when the user closed the popup. */
export interface ConnectResult {
  status: 'connected' | 'declined' | 'failed' | 'closed';
  connectionId?: string;
  endUserId?: string | null;
  /** The connected Microsoft account's label (its email, usually). */
  account?: string | null;
  error?: { code: string | null; aadsts: string | null; message: string };
}

export interface OpenConnectOptions {
  /** `popup` (default) keeps your page; `redirect` leaves it for the catalog, which returns to the session's returnUrl. */
  mode?: 'popup' | 'redirect';
  width?: number;
  height?: number;
}

const CLOSED_POLL_MS = 300;

/**
 * Opens a connect session's catalog `url` and answers its result. In a popup the catalog posts `connect.result` to
 * this window; only a message from the catalog's own origin and from that popup counts. Allow this page's origin in
 * Latchkey's settings (allowedReturnOrigins), or the catalog will not post to it. A blocked popup falls back to a
 * redirect, as does `mode: 'redirect'`: the page then leaves and the promise never settles; read the outcome on your
 * returnUrl with readConnectResult().
 */
export function openConnect(url: string, options: OpenConnectOptions = {}): Promise<ConnectResult> {
  const target = new URL(url, window.location.href);
  // Only a web page is opened: a javascript: URL would run in this page (redirect) or its popup.
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return Promise.reject(new TypeError('Latchkey: the connect URL must be http(s)'));
  const width = options.width ?? 520;
  const height = options.height ?? 720;
  const left = window.screenX + Math.max(0, (window.outerWidth - width) / 2);
  const top = window.screenY + Math.max(0, (window.outerHeight - height) / 2);
  const popup =
    options.mode === 'redirect' ? null : window.open(target.href, 'latchkey-connect', `popup=yes,width=${width},height=${height},left=${left},top=${top}`);
  // Blocked: most browsers answer null, some blockers a window that is already closed.
  if (!popup || popup.closed) {
    window.location.assign(target.href);
    return new Promise(() => undefined);
  }
  popup.focus();
  return new Promise((resolve) => {
    const finish = (result: ConnectResult) => {
      window.removeEventListener('message', onMessage);
      clearInterval(timer);
      resolve(result);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as (ConnectResult & { source?: string; type?: string }) | null;
      if (event.origin !== target.origin || event.source !== popup) return;
      if (!data || data.source !== 'latchkey' || data.type !== 'connect.result') return;
      const { source: _source, type: _type, ...result } = data;
      finish(result);
    };
    const timer = setInterval(() => {
      if (popup.closed) finish({ status: 'closed' });
    }, CLOSED_POLL_MS);
    window.addEventListener('message', onMessage);
  });
}

/** The outcome the catalog appended to your returnUrl after a redirect, or null when the URL has none. */
export function readConnectResult(href: string = window.location.href): ConnectResult | null {
  const params = new URL(href, window.location.href).searchParams;
  const status = params.get('latchkey_status');
  if (status !== 'connected' && status !== 'declined' && status !== 'failed') return null;
  const connectionId = params.get('connection_id');
  return connectionId ? { status, connectionId } : { status };
}
