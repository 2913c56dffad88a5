import { Counter, Histogram, Registry } from 'prom-client';
import { boundCounter, boundHistogram } from './bound-series';

/** The same observations through prom-client's own children and through the bound ones give the same exposition. */
describe('bound series', () => {
  const VALUES = [0.0001, 0.0005, 0.003, 0.2, 7, 99, 0.0005];

  function build() {
    const registry = new Registry();
    const histogram = new Histogram({ name: 'h_seconds', help: 'h', labelNames: ['outcome'], buckets: [0.0005, 0.01, 1, 15], registers: [registry] });
    const counter = new Counter({ name: 'c_total', help: 'c', labelNames: ['method', 'status'], registers: [registry] });
    return { registry, histogram, counter };
  }

  it('counts and buckets exactly as prom-client does, +Inf and sums included', async () => {
    const own = build();
    const bound = build();
    const observer = boundHistogram(bound.histogram, { outcome: 'served' });
    const tally = boundCounter(bound.counter, { method: 'GET', status: '200' });
    own.histogram.zero({ outcome: 'served' });
    own.counter.inc({ method: 'GET', status: '200' }, 0);
    for (const v of VALUES) {
      own.histogram.labels('served').observe(v);
      own.counter.labels('GET', '200').inc();
      observer.observe(v);
      tally.inc();
    }
    expect(await bound.registry.metrics()).toBe(await own.registry.metrics());
    expect(await bound.registry.metrics()).toContain('c_total{method="GET",status="200"} 7');
  });

  it('keeps series apart and shows a bound series before its first observation', async () => {
    const { registry, histogram, counter } = build();
    const served = boundHistogram(histogram, { outcome: 'served' });
    boundHistogram(histogram, { outcome: 'refused' });
    boundCounter(counter, { method: 'GET', status: '404' });
    served.observe(0.002);
    const text = await registry.metrics();
    expect(text).toContain('h_seconds_count{outcome="served"} 1');
    expect(text).toContain('h_seconds_count{outcome="refused"} 0');
    expect(text).toContain('c_total{method="GET",status="404"} 0');
  });
});
