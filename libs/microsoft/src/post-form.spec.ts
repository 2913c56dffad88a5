import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { postForm } from './post-form';

/** The token POST against a real local HTTP server: answers, keep-alive, time limit, size limit, refused. */
describe('postForm', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<unknown>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/hang') return; // never answers
        if (req.url === '/huge') {
          res.writeHead(200);
          res.end(Buffer.alloc(2 * 1024 * 1024, 'x'));
          return;
        }
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end(JSON.stringify({ got: body, type: req.headers['content-type'], accept: req.headers.accept }));
      });
    });
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts the form and returns status, headers and the whole text, reusing the connection', async () => {
    const a = await postForm(`${url}/token`, 'grant_type=refresh_token&x=1', 5000);
    expect(a.status).toBe(429);
    expect(a.headers['retry-after']).toBe('7');
    expect(JSON.parse(a.text)).toEqual({ got: 'grant_type=refresh_token&x=1', type: 'application/x-www-form-urlencoded', accept: 'application/json' });
    await postForm(`${url}/token`, 'again', 5000);
    expect(sockets.size).toBe(1);
  });

  it('gives up after the time limit, with a TimeoutError', async () => {
    const started = Date.now();
    await expect(postForm(`${url}/hang`, 'x', 300)).rejects.toMatchObject({ name: 'TimeoutError', message: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an answer far larger than a token answer', async () => {
    await expect(postForm(`${url}/huge`, 'x', 5000)).rejects.toThrow(/exceeds/);
  });

  it('rejects when nothing listens', async () => {
    await expect(postForm('http://127.0.0.1:1/token', 'x', 5000)).rejects.toThrow(/ECONNREFUSED/);
  });
});
