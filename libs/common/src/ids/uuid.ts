/** The one UUID/GUID pattern (any version, either case), as a source to embed in other patterns. */
export const UUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The whole string is a UUID (Azure tenant and client ids are GUIDs: the same shape). */
export const UUID_RE = new RegExp(`^${UUID_SOURCE}$`);

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_RE.test(value);
