import { RunningEmulator, startEmulator } from '../src';
import { TEST_APPS } from './helpers';
import { graph, graphToken } from './subscription-helpers';

describe('Microsoft emulator: delta query for messages', () => {
  let em: RunningEmulator;
  let at: string;

  beforeAll(async () => {
    em = await startEmulator({ apps: TEST_APPS });
  });
  afterAll(() => em.close());
  beforeEach(async () => {
    em.reset();
    at = await graphToken(em);
  });

  const INBOX_DELTA = "/v1.0/me/mailFolders('Inbox')/messages/delta";

  /** Follows nextLinks to the end; returns the pages and the deltaLink. */
  async function drain(first: string, bearer = at, headers: Record<string, string> = {}): Promise<{ pages: any[][]; deltaLink: string }> {
    const pages: any[][] = [];
    let next: string | undefined = first;
    for (let guard = 0; next && guard < 50; guard++) {
      const res = await graph(em, 'GET', next, bearer, undefined, headers);
      expect(res.status).toBe(200);
      pages.push(res.body.value);
      if (res.body['@odata.deltaLink']) {
        expect(res.body['@odata.nextLink']).toBeUndefined();
        return { pages, deltaLink: res.body['@odata.deltaLink'] };
      }
      next = res.body['@odata.nextLink'];
    }
    throw new Error('no deltaLink');
  }

  it('pages through the folder with nextLinks ($top) and ends with a deltaLink on the public URL', async () => {
    const a = (await em.deliverMail('work', { subject: 'a' })).message;
    const b = (await em.deliverMail('work', { subject: 'b' })).message;
    const { pages, deltaLink } = await drain(`${INBOX_DELTA}?$top=2&$select=subject`);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const ids = pages.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(5);
    expect(ids.slice(-2).sort()).toEqual([a.id, b.id].sort()); // oldest first (same second: any order)
    expect(Object.keys(pages[0][0]).sort()).toEqual(['id', 'subject']);
    expect(deltaLink.startsWith(`${em.url}${INBOX_DELTA}?$deltatoken=`)).toBe(true);
  });

  it('honours Prefer: odata.maxpagesize', async () => {
    const res = await graph(em, 'GET', INBOX_DELTA, at, undefined, { Prefer: 'odata.maxpagesize=1' });
    expect(res.body.value).toHaveLength(1);
    expect(res.headers.get('preference-applied')).toBe('odata.maxpagesize=1');
    expect(res.body['@odata.nextLink']).toContain('$skiptoken=');
  });

  it('the deltaLink returns only what changed since, with @removed for deletions, and a new deltaLink', async () => {
    const seeded = em.mailbox('work', 'inbox');
    const { deltaLink } = await drain(INBOX_DELTA);
    expect((await graph(em, 'GET', deltaLink, at)).body.value).toEqual([]);

    const created = (await em.deliverMail('work', { subject: 'new' })).message;
    await em.updateMail('work', seeded[0].id, { isRead: true });
    await em.deleteMail('work', seeded[1].id);
    const gone = (await em.deliverMail('work', { subject: 'short-lived' })).message;
    await em.deleteMail('work', gone.id);
    await em.deliverMail('work', { subject: 'elsewhere', folder: 'sentitems' });
    await em.deliverMail('guest', { subject: 'another mailbox' });

    const res = await graph(em, 'GET', deltaLink, at);
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([
      expect.objectContaining({ id: created.id, subject: 'new', parentFolderId: 'inbox' }),
      expect.objectContaining({ id: seeded[0].id, isRead: true }),
      { '@odata.type': '#microsoft.graph.message', id: seeded[1].id, '@removed': { reason: 'deleted' } },
      { '@odata.type': '#microsoft.graph.message', id: gone.id, '@removed': { reason: 'deleted' } },
    ]);
    const again = await graph(em, 'GET', res.body['@odata.deltaLink'], at);
    expect(again.body.value).toEqual([]);
    // The old deltaLink still answers from where it was.
    expect((await graph(em, 'GET', deltaLink, at)).body.value).toHaveLength(4);
  });

  it('pages a long list of changes with nextLinks too', async () => {
    const { deltaLink } = await drain(`${INBOX_DELTA}?$top=2`);
    for (let i = 0; i < 5; i++) await em.deliverMail('work', { subject: `m${i}` });
    const { pages, deltaLink: next } = await drain(deltaLink);
    expect(pages.map((p) => p.map((m) => m.subject))).toEqual([['m0', 'm1'], ['m2', 'm3'], ['m4']]);
    await em.deliverMail('work', { subject: 'later' });
    expect((await drain(next)).pages.flat().map((m) => m.subject)).toEqual(['later']);
  });

  it('is per folder: mailFolders/{id} with sentitems and drafts', async () => {
    const sent = (await em.deliverMail('work', { folder: 'sentitems' })).message;
    const { pages } = await drain('/v1.0/me/mailFolders/SentItems/messages/delta');
    expect(pages.flat().map((m) => m.id)).toEqual([sent.id]);
    expect((await drain('/v1.0/me/mailFolders/drafts/messages/delta')).pages.flat()).toEqual([]);
    expect((await graph(em, 'GET', '/v1.0/me/mailFolders/attic/messages/delta', at)).status).toBe(404);
  });

  it('refuses a corrupt token, another folder\'s or another user\'s token, and missing auth', async () => {
    const { deltaLink } = await drain(INBOX_DELTA);
    const token = new URL(deltaLink).searchParams.get('$deltatoken')!;
    const corrupt = await graph(em, 'GET', `${INBOX_DELTA}?$deltatoken=not-a-token`, at);
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.error.code).toBe('ErrorInvalidSyncStateData');
    expect((await graph(em, 'GET', `/v1.0/me/mailFolders/sentitems/messages/delta?$deltatoken=${token}`, at)).status).toBe(400);
    expect((await graph(em, 'GET', deltaLink, await graphToken(em, 'guest'))).status).toBe(400);
    expect((await graph(em, 'GET', deltaLink)).status).toBe(401);
    em.reset();
    expect((await graph(em, 'GET', INBOX_DELTA, await graphToken(em, 'work', 'openid User.Read'))).status).toBe(403);
  });

  it('throttles through fault injection', async () => {
    em.injectFaults({ target: 'graph', kind: 'throttle', retryAfter: '3' });
    const res = await graph(em, 'GET', INBOX_DELTA, at);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });
});
