import { memoryUsage, cpuUsage } from 'node:process';
import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { registerMetricsRoutes } from './metrics.routes.js';
import { MetricsService } from './metrics.service.js';
import { MetricsQueries } from './metrics-queries.js';
import { MetricsSettingsStore } from './metrics-settings.js';
import { prometheusFamilies } from './prometheus-families.js';
import { renderPrometheus } from './prometheus-text.js';
import { EventLoopDelayMonitor } from './event-loop-delay.js';
import { DEFAULT_METRICS_SETTINGS } from '@harbourmaster/contracts';

/**
 * Metrics: every host and running container sampled each interval (the cgroup files directly, or
 * the engine's stats where those are out of reach), history in tiers up to 90 days, live values
 * over the WebSocket, and a Prometheus endpoint.
 */
export function createMetricsFeature(
  core: Pick<
    Core,
    'config' | 'logger' | 'hosts' | 'inventory' | 'live' | 'bus' | 'db' | 'audit' | 'version' | 'startedAt'
  >,
): Feature {
  const settings = new MetricsSettingsStore(core.db);
  const service = new MetricsService(core, DEFAULT_METRICS_SETTINGS);
  const queries = new MetricsQueries(core, service);
  const eventLoop = new EventLoopDelayMonitor();
  const prometheus = async () => {
    const hosts = await Promise.all(
      core.hosts.list().map(async ({ host }) => {
        const listed = await core.inventory.containers(host.id);
        return { hostId: host.id, latest: service.latest(host.id), entries: listed.ok ? listed.entries : [] };
      }),
    );
    const cpu = cpuUsage();
    const mem = memoryUsage();
    return renderPrometheus(
      prometheusFamilies(
        {
          version: core.version,
          startedAt: core.startedAt,
          rssBytes: mem.rss,
          heapUsedBytes: mem.heapUsed,
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          websocketClients: core.live.size,
          sampling: service.samplingStats(),
          eventLoop: eventLoop.read(),
        },
        hosts,
      ),
    );
  };
  return {
    name: 'metrics',
    routes: (app) =>
      registerMetricsRoutes(app, {
        queries,
        settings,
        apply: (s) => service.apply(s),
        audit: core.audit,
        prometheus,
      }),
    async start() {
      service.apply(await settings.read());
      service.start();
    },
    stop: () => {
      eventLoop.stop();
      return service.stop();
    },
  };
}
