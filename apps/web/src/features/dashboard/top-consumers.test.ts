import { describe, expect, it } from 'vitest';
import type { ContainerMetricValues } from '@harbourmaster/contracts';
import { containerRow } from '../containers/container-fixture.js';
import { topConsumers } from './top-consumers.js';

const v = (cpu: number, memory: number): ContainerMetricValues => ({
  cpu,
  cpuPercent: cpu * 50,
  memory,
  netRx: 0,
  netTx: 0,
  blkRead: 0,
  blkWrite: 0,
});

describe('topConsumers', () => {
  it('ranks by the field, highest first, leaves out unsampled containers and keeps the limit', () => {
    const values: Record<string, ContainerMetricValues> = {
      a: v(0.5, 10),
      b: v(1.0, 5),
      c: v(0.5, 30),
      d: v(0.1, 20),
    };
    const rows = ['a', 'b', 'c', 'd', 'stopped'].map((name) => containerRow({ id: name, name }));
    const of = (c: { name: string }) => values[c.name];
    const names = (field: 'cpu' | 'memory', limit?: number) =>
      topConsumers(rows, of, field, limit).map((x) => x.c.name);
    expect(names('cpu')).toEqual(['b', 'a', 'c', 'd']);
    expect(names('memory', 2)).toEqual(['c', 'd']);
  });
});
