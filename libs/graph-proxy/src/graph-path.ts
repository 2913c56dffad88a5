import { DomainError } from '@app/common';

/** Graph's versions: the first segment of every proxied path. */
const VERSIONS = new Set(['v1.0', 'beta']);
const MAX_PATH_LENGTH = 2048;
/** RFC 3986 path characters (pchar), `%` only as the start of an escape checked below. */
const SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$/;
/** Escapes of `.`, `/`, `\` and `%` (traversal and double encoding): refused whatever they would decode to. */
const DANGEROUS_ESCAPE = /%(2e|2f|5c|25)/i;
/** Control characters, space, DEL: never in a path or query as sent, nor in a decoded segment. */
const hasControl = (value: string) => [...value].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f);

export interface GraphPath {
  /** The path as Graph receives it (starting with `/v1.0/` or `/beta/`), byte for byte what the caller sent. */
  path: string;
  /** The query string with its `?`, or '' (forwarded as sent). */
  query: string;
  /** For metrics and the recent calls: ids, keys and addresses replaced by `{id}`, no query. */
  template: string;
}

/** `.` or `..`, alone or before path parameters (`..;x=1`: servers that drop parameters read `..`). */
const isDotSegment = (segment: string) => /^\.{1,2}(;|$)/.test(segment);

const refuse = (detail: string) => {
  const message = `${detail} The path must be a Graph path such as v1.0/me/messages, forwarded to the configured Graph host only.`;
  return new DomainError('GRAPH_PATH_NOT_ALLOWED', message, { errors: [{ field: 'path', code: 'not_allowed', message }] });
};
/** Bytes no URL path holds (control characters, NUL, undecodable escapes): malformed input, like anywhere in the API. */
const malformed = (detail: string) => DomainError.invalidField('path', 'invalid_characters', detail);

/**
 * Checks the part of the URL after `/graph/` and splits off its query. Never an open relay: the host is never taken
 * from the request; the path must start with a Graph version, and anything that could step out of it once decoded
 * (`..`, `.`, empty segments, backslashes, encoded dots, slashes, backslashes or percent signs, control characters,
 * an absolute URL) is refused rather than normalised.
 */
export function parseGraphPath(rawPathAndQuery: string): GraphPath {
  const q = rawPathAndQuery.indexOf('?');
  const path = q < 0 ? rawPathAndQuery : rawPathAndQuery.slice(0, q);
  const query = q < 0 ? '' : rawPathAndQuery.slice(q);
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) throw refuse(`The Graph path must be 1 to ${MAX_PATH_LENGTH} characters.`);
  if (path.includes('\\')) throw refuse('Backslashes are not allowed in the Graph path.');
  if (DANGEROUS_ESCAPE.test(path)) throw refuse('Percent-encoded dots, slashes, backslashes or percent signs are not allowed in the Graph path.');
  if (hasControl(rawPathAndQuery)) throw malformed('Control characters and spaces are not allowed in the Graph path or query.');
  if (rawPathAndQuery.includes('#')) throw refuse('Fragments are not allowed.');
  const segments = path.split('/');
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw malformed('The Graph path has a malformed percent escape (or one that is not UTF-8).');
    }
  });
  if (decoded.some((d) => hasControl(d.replace(/ /g, '_')))) throw malformed('The Graph path decodes to control characters.');
  if (!VERSIONS.has(segments[0])) throw refuse('The Graph path must start with v1.0/ or beta/.');
  if (segments.length < 2) throw refuse('The Graph path names no resource.');
  segments.forEach((segment, i) => {
    if (segment === '') throw refuse('Empty path segments (//) are not allowed.');
    if (!SEGMENT.test(segment)) throw refuse('The Graph path has characters that are not allowed in a URL path.');
    // As a server that folds compatibility characters (NFKC: fullwidth and leader dots, fullwidth slashes) or drops path
    // parameters (`..;x`) would read it.
    const folded = decoded[i].normalize('NFKC');
    if (isDotSegment(folded)) throw refuse('Dot segments (. and .., also as path parameters or look-alike dots) are not allowed in the Graph path.');
    if (/[/\\]/.test(folded)) throw refuse('The Graph path decodes to slashes or backslashes.');
  });
  return { path: `/${path}`, query, template: graphPathTemplate(segments) };
}

/** A segment that is an id, key, address or number rather than a navigation name. */
function isValue(segment: string): boolean {
  if (segment.startsWith('$')) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return true;
  if (segment.includes('@') || segment.includes('%') || segment.includes('=')) return true;
  if (/^\d+$/.test(segment)) return true;
  // Navigation names are short camelCase words (messages, mailFolders, microsoft.graph.delta); ids are long and mixed.
  return !/^[A-Za-z][A-Za-z.]{0,63}$/.test(segment);
}

/** `v1.0/me/messages/AAMk.../attachments` -> `v1.0/me/messages/{id}/attachments`; `mailFolders('Inbox')` -> `mailFolders({id})`. */
function graphPathTemplate(segments: string[]): string {
  return segments
    .map((segment, i) => {
      if (i === 0) return segment;
      const call = /^([A-Za-z][A-Za-z0-9.]*)\(.*\)$/.exec(segment);
      if (call) return `${call[1]}({id})`;
      return isValue(segment) ? '{id}' : segment;
    })
    .join('/');
}
