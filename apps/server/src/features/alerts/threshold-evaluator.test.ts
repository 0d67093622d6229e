import { describe, expect, it } from 'vitest';
import type { AlertInput, ContainerMetricValues, Threshold } from '@harbourmaster/contracts';
import { ThresholdEvaluator, type MetricsPass } from './threshold-evaluator.js';

const rule = (over: Partial<Threshold>): Threshold => ({
  id: 'r1',
  name: 'busy',
  metric: 'container.cpu',
  above: 0.5,
  forSeconds: 10,
  match: {},
  severity: 'warning',
  enabled: true,
  createdAt: 0,
  ...over,
});

const values = (cpu: number, memory = 1000): ContainerMetricValues => ({
  cpu,
  cpuPercent: cpu * 50,
  memory,
  netRx: null,
  netTx: null,
  blkRead: null,
  blkWrite: null,
});

function pass(at: number, containers: Record<string, ContainerMetricValues>, hostCpu = 10): MetricsPass {
  return {
    hostId: 'local',
    at,
    host: {
      cpu: 0.2,
      cpuPercent: hostCpu,
      memory: 500,
      load1: 0,
      netRx: 0,
      netTx: 0,
      dataDiskPercent: 91,
      dockerDiskPercent: null,
    },
    containers: new Map(Object.entries(containers)),
    snapshot: {
      at,
      containers: Object.keys(containers).map((id) => ({ id, memoryLimitBytes: id === 'lim' ? 2000 : null })),
      host: { memoryTotalBytes: 1000 },
    } as never,
  };
}

const facts = (id: string) => ({
  name: `c-${id}`,
  labels: { 'com.docker.compose.project': 'shop', tier: id },
});

describe('ThresholdEvaluator', () => {
  it('fires once after the value stayed above for the whole duration, and resolves when it falls', () => {
    const raised: AlertInput[] = [];
    const ev = new ThresholdEvaluator((a) => raised.push(a));
    const rules = [rule({})];
    ev.evaluate(rules, pass(0, { a: values(0.9) }), facts);
    ev.evaluate(rules, pass(5_000, { a: values(0.9) }), facts);
    expect(raised).toEqual([]);
    ev.evaluate(rules, pass(10_000, { a: values(0.8) }), facts);
    ev.evaluate(rules, pass(11_000, { a: values(0.8) }), facts);
    expect(raised.map((a) => a.status)).toEqual(['firing']);
    expect(raised[0]).toMatchObject({
      source: 'metric',
      key: 'metric:r1:local:a',
      title: 'c-a: CPU above 0.5 cores for 10 s',
      stack: 'shop',
      container: { id: 'a', name: 'c-a' },
    });
    ev.evaluate(rules, pass(12_000, { a: values(0.1) }), facts);
    expect(raised.map((a) => a.status)).toEqual(['firing', 'resolved']);
    expect(raised[1]?.title).toBe('c-a: CPU back under 0.5 cores');
  });

  it('starts over when the value dips before the duration is up', () => {
    const raised: AlertInput[] = [];
    const ev = new ThresholdEvaluator((a) => raised.push(a));
    const rules = [rule({})];
    ev.evaluate(rules, pass(0, { a: values(0.9) }), facts);
    ev.evaluate(rules, pass(8_000, { a: values(0.1) }), facts);
    ev.evaluate(rules, pass(9_000, { a: values(0.9) }), facts);
    ev.evaluate(rules, pass(15_000, { a: values(0.9) }), facts);
    expect(raised).toEqual([]);
  });

  it('reads memory against the limit, host values, and the rule match', () => {
    const raised: AlertInput[] = [];
    const ev = new ThresholdEvaluator((a) => raised.push(a));
    ev.evaluate(
      [
        rule({ id: 'mem', metric: 'container.memoryPercent', above: 40, forSeconds: 0 }),
        rule({ id: 'disk', metric: 'host.dataDiskPercent', above: 90, forSeconds: 0 }),
        rule({ id: 'tier', above: 0.1, forSeconds: 0, match: { labels: ['tier=b'] } }),
        rule({ id: 'off', above: 0, forSeconds: 0, enabled: false }),
        rule({ id: 'other', above: 0, forSeconds: 0, match: { hosts: ['nas'] } }),
      ],
      pass(0, { lim: values(0.2, 1000), a: values(0.2, 999_999), b: values(0.2) }),
      facts,
    );
    expect(raised.map((a) => a.key).sort()).toEqual([
      'metric:disk:local:host',
      'metric:mem:local:lim',
      'metric:tier:local:b',
    ]);
  });

  it('forgets a container that is gone without calling it recovered', () => {
    const raised: AlertInput[] = [];
    const ev = new ThresholdEvaluator((a) => raised.push(a));
    const rules = [rule({ forSeconds: 0 })];
    ev.evaluate(rules, pass(0, { a: values(0.9) }), facts);
    ev.evaluate(rules, pass(1_000, {}), facts);
    ev.evaluate(rules, pass(2_000, { a: values(0.9) }), facts);
    expect(raised.map((a) => a.status)).toEqual(['firing', 'firing']);
  });
});
