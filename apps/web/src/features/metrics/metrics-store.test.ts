import { describe, expect, it } from 'vitest';
import type { ContainerMetricValues } from '@harbourmaster/contracts';
import { MetricsStore, rowMetricsKey } from './metrics-store.js';

const values = (cpu: number, memory: number): ContainerMetricValues => ({
  cpu,
  cpuPercent: cpu * 50,
  memory,
  netRx: null,
  netTx: null,
  blkRead: 0,
  blkWrite: 0,
});

describe('MetricsStore', () => {
  it("seeds a row's last minute from `recent`, then appends live values and drops what is older than a minute", () => {
    const store = new MetricsStore();
    const key = rowMetricsKey('local', 'aa');
    store.apply({
      hostId: 'local',
      at: 100_000,
      containers: {},
      recent: {
        aa: [
          { t: 30_000, cpu: 0.1, memory: 10 }, // 70 s before the newest point: gone
          { t: 41_000, cpu: 0.2, memory: 20 },
          { t: 99_000, cpu: 0.3, memory: 30 },
        ],
      },
    });
    expect(store.get(key)).toEqual({
      latest: null,
      recent: [
        { t: 41_000, cpu: 0.2, memory: 20 },
        { t: 99_000, cpu: 0.3, memory: 30 },
      ],
    });
    store.apply({ hostId: 'local', at: 101_000, containers: { aa: values(0.9, 40) } });
    expect(store.get(key)).toEqual({
      latest: values(0.9, 40),
      recent: [
        { t: 99_000, cpu: 0.3, memory: 30 },
        { t: 101_000, cpu: 0.9, memory: 40 },
      ],
    });
    // The same pass heard twice (e.g. two subscriptions) adds no second point.
    store.apply({ hostId: 'local', at: 101_000, containers: { aa: values(0.9, 40) } });
    expect(store.get(key)?.recent).toHaveLength(2);
  });

  it('tells only the listeners of the rows that changed, and replaces the row object', () => {
    const store = new MetricsStore();
    const heard: string[] = [];
    const stopA = store.subscribe(rowMetricsKey('local', 'aa'), () => heard.push('aa'));
    store.subscribe(rowMetricsKey('local', 'bb'), () => heard.push('bb'));
    store.subscribe(rowMetricsKey('edge', 'aa'), () => heard.push('edge/aa'));
    store.apply({ hostId: 'local', at: 1000, containers: { aa: values(1, 1) } });
    const first = store.get(rowMetricsKey('local', 'aa'));
    store.apply({ hostId: 'local', at: 2000, containers: { aa: values(1, 1), bb: values(0, 5) } });
    expect(store.get(rowMetricsKey('local', 'aa'))).not.toBe(first);
    stopA();
    store.apply({ hostId: 'local', at: 3000, containers: { aa: values(1, 1) } });
    expect(heard).toEqual(['aa', 'aa', 'bb']);
  });
});
