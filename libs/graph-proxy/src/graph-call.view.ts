/** One proxied Graph call as the recent-calls view shows it: never a body, a token or a raw path with ids or query. */
export interface GraphCallView {
  at: string;
  method: string;
  /** The Graph path template, e.g. v1.0/me/messages/{id}. */
  path: string;
  /** The status answered (Graph's, or the proxy's own refusal). */
  status: number;
  attempts: number;
  durationMs: number;
  /** Graph's request-id of the last attempt, for Microsoft support; null when Graph did not answer. */
  graphRequestId: string | null;
  /** Latchkey's X-Request-Id of the call. */
  requestId: string;
}
