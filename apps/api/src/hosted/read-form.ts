import type { Request } from 'express';

const MAX_FORM_BYTES = 4096;

/**
 * One field of the catalog's urlencoded form. The API's parsers take JSON only and leave other bodies unread, so
 * the hosted routes read their small forms here (bounded; anything larger or unreadable counts as absent).
 */
export async function formField(req: Request, name: string): Promise<string | null> {
  const parsed = req.body as Record<string, unknown> | undefined;
  if (parsed && typeof parsed[name] === 'string') return parsed[name] as string;
  if (!req.readable || !/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get(name);
}
