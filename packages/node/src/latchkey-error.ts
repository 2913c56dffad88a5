import type { Problem, ProblemCode } from './types.js';

/** Codes the client itself raises when no problem came back: the API was unreachable, or answered something else. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** Any failed call: the API's problem (RFC 9457) with its stable `code`, or a client-side code with status 0. */
export class LatchkeyError extends Error {
  readonly code: ProblemCode | ClientErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly requestId: string | undefined;
  /** The whole problem as the API answered it (field errors in `problem.errors`), when there was one. */
  readonly problem: Problem | undefined;

  constructor(init: { code: ProblemCode | ClientErrorCode; status: number; detail: string; requestId?: string; problem?: Problem; cause?: unknown }) {
    super(`${init.code}: ${init.detail}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.problem = init.problem;
  }
}

/** The end user must connect again (refreshing stopped); `microsoftError` says why, when Microsoft said. */
export class ConnectionNeedsReauthError extends LatchkeyError {
  override readonly code = 'CONNECTION_NEEDS_REAUTH' as const;
  get microsoftError(): string | undefined {
    return extra(this.problem, 'microsoftError');
  }
}

/** Microsoft refuses the connector's app (wrong secret, redirect URI...): fix it in the console. */
export class ConnectorMisconfiguredError extends LatchkeyError {
  override readonly code = 'CONNECTOR_MISCONFIGURED' as const;
}

/** Microsoft could not be reached or throttled: try again after `retryAfterSeconds`. */
export class MicrosoftUnavailableError extends LatchkeyError {
  override readonly code = 'MICROSOFT_UNAVAILABLE' as const;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ConstructorParameters<typeof LatchkeyError>[0] & { retryAfterSeconds?: number }) {
    super(init);
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

function extra(problem: Problem | undefined, key: string): string | undefined {
  const value = (problem as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Seconds from a Retry-After header (seconds or an HTTP date), else undefined. */
export function retryAfterSeconds(header: string | null, problem?: Problem): number | undefined {
  const fromProblem = (problem as Record<string, unknown> | undefined)?.retryAfterSeconds;
  if (typeof fromProblem === 'number' && fromProblem >= 0) return fromProblem;
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The typed error for an answer that is not a success. */
export async function errorFromResponse(res: Response): Promise<LatchkeyError> {
  const requestId = res.headers.get('x-request-id') ?? undefined;
  const text = await res.text().catch(() => '');
  let problem: Problem | undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    if (parsed && typeof parsed.code === 'string' && typeof parsed.detail === 'string') problem = parsed as Problem;
  } catch {
    problem = undefined;
  }
  if (!problem) {
    return new LatchkeyError({ code: 'UNEXPECTED_RESPONSE', status: res.status, detail: `HTTP ${res.status} without a problem body`, requestId });
  }
  const init = { code: problem.code, status: res.status, detail: problem.detail, requestId: problem.requestId ?? requestId, problem };
  switch (problem.code) {
    case 'CONNECTION_NEEDS_REAUTH':
      return new ConnectionNeedsReauthError(init);
    case 'CONNECTOR_MISCONFIGURED':
      return new ConnectorMisconfiguredError(init);
    case 'MICROSOFT_UNAVAILABLE':
      return new MicrosoftUnavailableError({ ...init, retryAfterSeconds: retryAfterSeconds(res.headers.get('retry-after'), problem) });
    default:
      return new LatchkeyError(init);
  }
}
