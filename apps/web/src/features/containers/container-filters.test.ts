import { describe, expect, it } from 'vitest';
import type { ContainerMetricValues, ContainerSummary } from '@harbourmaster/contracts';
import {
  DEFAULT_FILTERS,
  applyFilters,
  filtersFromSearch,
  filtersToSearch,
  groupByProject,
} from './container-filters.js';
import { containerRow } from './container-fixture.js';

const c = (name: string, over: Partial<ContainerSummary> = {}): ContainerSummary =>
  containerRow({ id: name, name, image: 'busybox', ...over });

const rows = [
  c('web', { labels: { tier: 'front' }, composeProject: 'shop' }),
  c('db', { labels: { tier: 'back' }, composeProject: 'shop' }),
  c('crashed', { state: 'exited', status: 'Exited (2) 1 minute ago' }),
  c('stopped', { state: 'exited', status: 'Exited (137) 1 minute ago' }),
  c('sick', { health: 'unhealthy', hostId: 'edge' }),
];
const names = (list: ContainerSummary[]) => list.map((x) => x.name);

describe('container filters', () => {
  it('round-trips through the query string, leaving defaults out', () => {
    const f = {
      ...DEFAULT_FILTERS,
      q: 'we b',
      label: 'tier=front',
      sort: 'state' as const,
      desc: true,
      stacks: true,
    };
    const search = filtersToSearch(f);
    expect(search).toBe('?q=we+b&label=tier%3Dfront&sort=state&desc=1&view=stacks');
    expect(filtersFromSearch(search.slice(1))).toEqual(f);
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
    expect(filtersFromSearch('sort=nonsense').sort).toBe('name');
  });

  it('filters by label key or key=value, host, and search over name, image and stack', () => {
    expect(names(applyFilters(rows, { ...DEFAULT_FILTERS, label: 'tier' }))).toEqual(['db', 'web']);
    expect(names(applyFilters(rows, { ...DEFAULT_FILTERS, label: 'tier=back' }))).toEqual(['db']);
    expect(names(applyFilters(rows, { ...DEFAULT_FILTERS, host: 'edge' }))).toEqual(['sick']);
    expect(names(applyFilters(rows, { ...DEFAULT_FILTERS, q: 'SHOP' }))).toEqual(['db', 'web']);
  });

  it('"needs attention" means unhealthy or an error exit, not a container stopped on purpose', () => {
    expect(names(applyFilters(rows, { ...DEFAULT_FILTERS, state: 'attention' }))).toEqual([
      'crashed',
      'sick',
    ]);
    expect(names(applyFilters(rows, { ...DEFAULT_FILTERS, state: 'unhealthy' }))).toEqual(['sick']);
  });

  it('groups by compose project with loose containers last, counting the running ones', () => {
    const groups = groupByProject(applyFilters(rows, DEFAULT_FILTERS)).filter((r) => r.kind === 'group');
    expect(groups).toEqual([
      { kind: 'group', name: 'shop', host: 'local', count: 2, running: 2 },
      { kind: 'group', name: 'Not in a stack', count: 3, running: 1 },
    ]);
  });

  it('sorts names naturally, in the table and in the stack view', () => {
    const workers = ['worker-10', 'worker-2', 'worker-1'].map((n) =>
      c(n, { composeProject: n === 'worker-1' ? 'app10' : 'app9' }),
    );
    expect(names(applyFilters(workers, DEFAULT_FILTERS))).toEqual(['worker-1', 'worker-2', 'worker-10']);
    expect(names(applyFilters(workers, { ...DEFAULT_FILTERS, desc: true }))).toEqual([
      'worker-10',
      'worker-2',
      'worker-1',
    ]);
    const stacks = groupByProject(applyFilters(workers, DEFAULT_FILTERS)).flatMap((r) =>
      r.kind === 'group' ? [r.name] : [],
    );
    expect(stacks).toEqual(['app9', 'app10']);
  });

  it('sorts by latest CPU or memory, containers without values last either way', () => {
    const sample = (cpu: number, memory: number): ContainerMetricValues => ({
      cpu,
      cpuPercent: cpu * 25,
      memory,
      netRx: 0,
      netTx: 0,
      blkRead: 0,
      blkWrite: 0,
    });
    const latest: Record<string, ContainerMetricValues> = {
      busy: sample(0.98, 1_000),
      idle: sample(0, 50_000),
      mid: sample(0.3, 20_000),
      twin: sample(0.3, 20_000),
    };
    const list = ['twin', 'stopped', 'idle', 'busy', 'mid'].map((n) => c(n));
    const of = (x: ContainerSummary) => latest[x.name];
    const sorted = (sort: 'cpu' | 'memory', desc: boolean) =>
      names(applyFilters(list, { ...DEFAULT_FILTERS, sort, desc }, of));
    expect(sorted('cpu', true)).toEqual(['busy', 'twin', 'mid', 'idle', 'stopped']);
    expect(sorted('cpu', false)).toEqual(['idle', 'mid', 'twin', 'busy', 'stopped']);
    expect(sorted('memory', true)).toEqual(['idle', 'twin', 'mid', 'busy', 'stopped']);
    expect(filtersFromSearch('sort=cpu&desc=1')).toMatchObject({ sort: 'cpu', desc: true });
  });
});
