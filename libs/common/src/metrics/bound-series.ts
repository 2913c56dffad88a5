import type { Counter, Histogram } from 'prom-client';

type Labels = Record<string, string>;
interface HistogramEntry {
  labels: Labels;
  bucketValues: Record<number, number>;
  sum: number;
  count: number;
}
interface CounterEntry {
  labels: Labels;
  value: number;
}
type Internals<E> = { hashMap: Record<string, E>; upperBounds?: number[] };

/**
 * prom-client's `labels(...)` children hash and validate their labels and allocate a closure on every call: on the token
 * endpoint's hot path that was about a tenth of the API's CPU per request (docs/benchmarks.md). These bind one series'
 * stored value once and update it in place, as prom-client's own observe and inc do (lib/histogram.js observe(),
 * lib/counter.js setValue()); the registry still writes the exposition. metrics.spec.ts compares both ways' output, so a
 * prom-client release that stores series differently fails a test instead of miscounting. Never reset the registry:
 * a reset replaces the stored values these hold.
 */
export function boundHistogram(histogram: Histogram<string>, labels: Labels): { observe(value: number): void } {
  histogram.zero(labels);
  const internals = histogram as unknown as Internals<HistogramEntry>;
  const entry = find(internals.hashMap, labels);
  const bounds = internals.upperBounds ?? [];
  return {
    observe(value: number): void {
      entry.sum += value;
      entry.count += 1;
      for (let i = 0; i < bounds.length; i++) {
        if (value <= bounds[i]) {
          entry.bucketValues[bounds[i]] += 1;
          return;
        }
      }
    },
  };
}

export function boundCounter(counter: Counter<string>, labels: Labels): { inc(): void } {
  counter.inc(labels, 0);
  const entry = find((counter as unknown as Internals<CounterEntry>).hashMap, labels);
  return {
    inc(): void {
      entry.value += 1;
    },
  };
}

function find<E extends { labels: Labels }>(hashMap: Record<string, E>, labels: Labels): E {
  const keys = Object.keys(labels);
  const entry = Object.values(hashMap).find((e) => Object.keys(e.labels).length === keys.length && keys.every((k) => String(e.labels[k]) === labels[k]));
  if (!entry) throw new Error(`prom-client stored no series for ${JSON.stringify(labels)}: its internals changed`);
  return entry;
}
