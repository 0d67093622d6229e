import type {
  AlertInput,
  ContainerMetricValues,
  HostMetricValues,
  MetricsSnapshot,
  Threshold,
} from '@harbourmaster/contracts';
import { hasLabel } from './rule-match.js';

/** What the evaluator knows of a container besides its values: its name and labels. */
export interface ContainerFacts {
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** One host's pass, as the metrics feature reports it. */
export interface MetricsPass {
  hostId: string;
  at: number;
  host: HostMetricValues | null;
  containers: ReadonlyMap<string, ContainerMetricValues>;
  snapshot: MetricsSnapshot;
}

type State = { since: number; firing: boolean; last: number };

const PROJECT = 'com.docker.compose.project';

const UNITS: Record<Threshold['metric'], (v: number) => string> = {
  'container.cpu': (v) => `${+v.toFixed(2)} cores`,
  'container.memory': (v) => `${+(v / 1048576).toFixed(1)} MiB`,
  'container.memoryPercent': (v) => `${+v.toFixed(1)} % of its limit`,
  'host.cpuPercent': (v) => `${+v.toFixed(1)} % CPU`,
  'host.memoryPercent': (v) => `${+v.toFixed(1)} % memory`,
  'host.dataDiskPercent': (v) => `${+v.toFixed(1)} % of the data disk`,
  'host.dockerDiskPercent': (v) => `${+v.toFixed(1)} % of the Docker disk`,
};

const LABEL: Record<Threshold['metric'], string> = {
  'container.cpu': 'CPU',
  'container.memory': 'memory',
  'container.memoryPercent': 'memory',
  'host.cpuPercent': 'CPU',
  'host.memoryPercent': 'memory',
  'host.dataDiskPercent': 'data disk',
  'host.dockerDiskPercent': 'Docker disk',
};

/**
 * Threshold rules over each metrics pass: a value above the rule's limit for its whole duration
 * fires (once), falling back to or below the limit resolves. Work is per rule and per matching
 * container; with no rules a pass costs nothing.
 */
export class ThresholdEvaluator {
  readonly #states = new Map<string, State>();

  constructor(private readonly raise: (alert: AlertInput) => void) {}

  evaluate(
    rules: readonly Threshold[],
    pass: MetricsPass,
    facts: (id: string) => ContainerFacts | undefined,
  ): void {
    const seen = new Set<string>();
    for (const rule of rules) {
      if (!rule.enabled) continue;
      if (rule.match.hosts?.length && !rule.match.hosts.includes(pass.hostId)) continue;
      if (rule.metric.startsWith('host.')) {
        const value = hostValue(rule.metric, pass);
        const key = `${rule.id}|${pass.hostId}`;
        seen.add(key);
        this.step(key, rule, value, pass.at, () => ({
          hostId: pass.hostId,
          name: `host ${pass.hostId}`,
          container: null,
          stack: null,
          labels: {},
        }));
        continue;
      }
      const limits = rule.metric === 'container.memoryPercent' ? limitsOf(pass.snapshot) : null;
      for (const [id, values] of pass.containers) {
        const f = facts(id);
        if (!f || !matches(rule, f)) continue;
        const key = `${rule.id}|${pass.hostId}|${id}`;
        seen.add(key);
        const value =
          rule.metric === 'container.cpu'
            ? values.cpu
            : rule.metric === 'container.memory'
              ? values.memory
              : percentOf(values.memory, limits?.get(id) ?? null);
        this.step(key, rule, value, pass.at, () => ({
          hostId: pass.hostId,
          name: f.name,
          container: { id, name: f.name },
          stack: f.labels[PROJECT] ?? null,
          labels: { ...f.labels },
        }));
      }
    }
    // Rules, containers or hosts that are gone: forget them (a container removed is not "recovered").
    for (const key of this.#states.keys())
      if (!seen.has(key) && key.split('|')[1] === pass.hostId) this.#states.delete(key);
  }

  private step(
    key: string,
    rule: Threshold,
    value: number | null,
    at: number,
    subject: () => {
      hostId: string;
      name: string;
      container: { id: string; name: string } | null;
      stack: string | null;
      labels: Record<string, string>;
    },
  ): void {
    const state = this.#states.get(key);
    if (value !== null && value > rule.above) {
      const s = state ?? { since: at, firing: false, last: value };
      s.last = value;
      this.#states.set(key, s);
      if (!s.firing && at - s.since >= rule.forSeconds * 1000) {
        s.firing = true;
        this.raise(this.alert(rule, subject(), value, 'firing', at - s.since));
      }
      return;
    }
    if (state?.firing && value !== null) this.raise(this.alert(rule, subject(), value, 'resolved', 0));
    this.#states.delete(key);
  }

  private alert(
    rule: Threshold,
    s: {
      hostId: string;
      name: string;
      container: { id: string; name: string } | null;
      stack: string | null;
      labels: Record<string, string>;
    },
    value: number,
    status: 'firing' | 'resolved',
    forMs: number,
  ): AlertInput {
    const unit = UNITS[rule.metric];
    const what = LABEL[rule.metric];
    const minutes = Math.round(forMs / 60_000);
    const duration =
      forMs === 0 ? '' : minutes >= 1 ? ` for ${minutes} min` : ` for ${Math.round(forMs / 1000)} s`;
    return {
      source: 'metric',
      key: `metric:${rule.id}:${s.hostId}:${s.container?.id ?? 'host'}`,
      kind: `metric.${rule.metric}`,
      severity: status === 'firing' ? rule.severity : 'info',
      status,
      title:
        status === 'firing'
          ? `${s.name}: ${what} above ${unit(rule.above)}${duration}`
          : `${s.name}: ${what} back under ${unit(rule.above)}`,
      message: `${rule.name}: ${s.name} on ${s.hostId} is at ${unit(value)} (limit ${unit(rule.above)}).`,
      hostId: s.hostId,
      container: s.container,
      stack: s.stack,
      labels: s.labels,
      detail: { reason: `${what} at ${unit(value)}` },
    };
  }
}

function hostValue(metric: Threshold['metric'], pass: MetricsPass): number | null {
  const h = pass.host;
  if (!h) return null;
  switch (metric) {
    case 'host.cpuPercent':
      return h.cpuPercent;
    case 'host.memoryPercent':
      return percentOf(h.memory, pass.snapshot.host?.memoryTotalBytes ?? null);
    case 'host.dataDiskPercent':
      return h.dataDiskPercent;
    case 'host.dockerDiskPercent':
      return h.dockerDiskPercent;
    case 'container.cpu':
    case 'container.memory':
    case 'container.memoryPercent':
      return null;
  }
}

function limitsOf(snapshot: MetricsSnapshot): Map<string, number | null> {
  return new Map(snapshot.containers.map((c) => [c.id, c.memoryLimitBytes]));
}

const percentOf = (value: number, total: number | null) => (total ? (value / total) * 100 : null);

function matches(rule: Threshold, f: ContainerFacts): boolean {
  const m = rule.match;
  if (m.containers?.length && !m.containers.includes(f.name)) return false;
  if (m.stacks?.length && !m.stacks.includes(f.labels[PROJECT] ?? '')) return false;
  if (m.labels?.length && !m.labels.some((l) => hasLabel(f.labels, l))) return false;
  return true;
}
