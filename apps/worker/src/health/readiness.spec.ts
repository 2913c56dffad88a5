import { probeAll } from './readiness';

describe('probeAll', () => {
  it('is ready when every probe answers', async () => {
    expect(await probeAll({ postgres: async () => 1, redis: async () => 'PONG' }, 100)).toEqual({
      ready: true,
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
      failed: [],
    });
  });

  it('names what failed and why: an error, or a probe that does not answer in time', async () => {
    const readiness = await probeAll(
      {
        postgres: async () => 1,
        redis: () => new Promise(() => undefined),
        workers: async () => {
          throw new Error('connection-refresh is not running');
        },
      },
      50,
    );
    expect(readiness).toEqual({
      ready: false,
      checks: {
        postgres: { status: 'up' },
        redis: { status: 'down', message: 'timed out after 50 ms' },
        workers: { status: 'down', message: 'connection-refresh is not running' },
      },
      failed: ['redis', 'workers'],
    });
  });
});
