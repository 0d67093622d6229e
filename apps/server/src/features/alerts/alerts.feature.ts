import type { Alert } from '@harbourmaster/contracts';
import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { sendAlert } from '../../adapters/notify/channel-senders.js';
import { testChannel } from './channel-test.js';
import { ChannelError } from '../../adapters/notify/channel-error.js';
import { AlertHub } from './alert-hub.js';
import { AlertStore } from './alert-store.js';
import { ChannelStore } from './channel-store.js';
import { CrashDetector } from './crash-detector.js';
import { crashContext, followLogLines, runningContainers } from './engine-reads.js';
import { DeliveryWorker } from './delivery-worker.js';
import { RuleStore } from './rule-store.js';
import { MaintenanceStore } from './maintenance-store.js';
import { SelfHealer } from './self-healer.js';
import { hostStatusAlert } from './host-alerts.js';
import { ThresholdStore } from './threshold-store.js';
import { ThresholdEvaluator, type ContainerFacts } from './threshold-evaluator.js';
import { registerDefinitionRoutes } from './definition.routes.js';
import { LogRuleStore } from './log-rule-store.js';
import { LogWatcher } from './log-watcher.js';
import { UnsafePatternError, compileLogPattern } from './log-pattern.js';
import {
  logRuleBodySchema,
  logRuleSchema,
  thresholdBodySchema,
  thresholdSchema,
} from '@harbourmaster/contracts';
import { registerAlertRoutes } from './alerts.routes.js';
import { registerNotificationRoutes } from './notifications.routes.js';
import { registerMaintenanceRoutes } from './maintenance.routes.js';

/** Identical alerts within a minute are one alert (repeats counted). */
const DEDUPE_MS = 60_000;

/**
 * Alerts: crashes, OOM kills, unhealthy containers and restart loops from the event stream, every
 * feature's alerts from the bus and other tools' from the API, through one hub (dedupe, rules,
 * persisted outbox) to the channels.
 */
export function createAlertsFeature(
  core: Pick<Core, 'db' | 'secrets' | 'bus' | 'hosts' | 'tags' | 'audit' | 'logger' | 'inventory' | 'config'>,
): Feature {
  const now = Date.now;
  const store = new AlertStore(core.db);
  const channels = new ChannelStore(core.db, core.secrets);
  const rules = new RuleStore(core.db);
  const maintenance = new MaintenanceStore(core.db);
  const thresholds = new ThresholdStore(core.db);
  const logRules = new LogRuleStore(core.db);
  const worker = new DeliveryWorker({
    store,
    channels,
    send: sendAlert,
    failure: (err) =>
      err instanceof ChannelError
        ? {
            message: err.message,
            retryable: err.retryable,
            ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
          }
        : { message: err instanceof Error ? err.message : String(err), retryable: true },
    now,
    onError: (err) => core.logger.error({ err }, 'alerts: the delivery worker failed'),
  });
  const hub = new AlertHub({
    store,
    rules,
    maintenance,
    tagsOf: (alert: Alert) =>
      alert.hostId && alert.container
        ? core.tags.get(alert.hostId, 'container', alert.container.name)
        : Promise.resolve([]),
    kick: () => worker.kick(),
    onRecorded: (alert, deduplicated) =>
      core.bus.emit('alert.recorded', {
        id: alert.id,
        key: alert.key,
        status: alert.status,
        severity: alert.severity,
        title: alert.title,
        deduplicated,
        at: alert.at,
      }),
    now,
    publicUrl: core.config.publicUrl,
    dedupeMs: DEDUPE_MS,
  });
  const raise = (input: Parameters<AlertHub['raise']>[0]) =>
    void hub
      .raise(input)
      .catch((err: unknown) =>
        core.logger.error({ err, key: input.key }, 'alerts: could not record an alert'),
      );
  const timer = (fn: () => void, ms: number) => {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  };
  const healer = new SelfHealer({
    restart: (hostId, id) => core.hosts.engine(hostId).restartContainer(id),
    projectContainers: async (hostId, project) => {
      const listed = await core.inventory.containers(hostId);
      return listed.ok
        ? [...listed.entries]
            .filter((e) => e.raw.Labels?.['com.docker.compose.project'] === project)
            .map((e) => e.raw.Id)
        : [];
    },
    raise,
    record: (hostId, id, name, reason, error) =>
      void core.audit
        .record({
          actor: { name: 'self-heal', id: null, via: 'system' },
          action: 'container.autoheal',
          hostId,
          target: name,
          result: error === null ? 'ok' : 'error',
          detail: { containerId: id, reason, ...(error === null ? {} : { error }) },
        })
        .catch((err: unknown) => core.logger.error({ err }, 'alerts: could not audit a self-heal restart')),
    setTimer: timer,
    now,
  });
  const detector = new CrashDetector({
    raise: (input) => {
      raise(input);
      healer.consider(input);
    },
    context: (hostId, id) => crashContext(core, hostId, id),
    now,
    setTimer: timer,
  });
  const logWatcher = new LogWatcher({
    rules: () => logRules.list(),
    running: () => runningContainers(core),
    follow: (hostId, id, signal) => followLogLines(core, hostId, id, signal),
    raise,
    setTimer: timer,
    now,
    onError: (err) => core.logger.warn({ err }, 'alerts: a log-pattern follower stopped'),
  });
  const evaluator = new ThresholdEvaluator(raise);
  /** One metrics pass against the threshold rules; nothing is looked up while there are none. */
  const evaluate = async (pass: Parameters<ThresholdEvaluator['evaluate']>[1]) => {
    const rules = await thresholds.list();
    if (rules.length === 0) return;
    const listed = await core.inventory.containers(pass.hostId);
    const byId = new Map<string, ContainerFacts>();
    if (listed.ok)
      for (const e of listed.entries)
        byId.set(e.raw.Id, {
          name: e.raw.Names[0]?.replace(/^\//, '') ?? e.raw.Id.slice(0, 12),
          labels: e.raw.Labels ?? {},
        });
    evaluator.evaluate(rules, pass, (id) => byId.get(id));
  };
  const unsubscribe: Array<() => void> = [];
  const hostReachable = new Map<string, boolean>();

  const test = (channelId: string) => testChannel(channels, channelId, now);

  return {
    name: 'alerts',
    routes: (app) => {
      registerNotificationRoutes(app, { channels, rules, audit: core.audit, test });
      registerMaintenanceRoutes(app, { maintenance, audit: core.audit });
      registerDefinitionRoutes(app, {
        path: '/api/notifications/thresholds',
        listKey: 'thresholds',
        noun: 'threshold rule',
        auditAs: 'threshold',
        body: thresholdBodySchema,
        item: thresholdSchema,
        store: thresholds,
        audit: core.audit,
      });
      registerDefinitionRoutes(app, {
        path: '/api/notifications/log-rules',
        listKey: 'rules',
        noun: 'log-pattern rule',
        auditAs: 'log-rule',
        body: logRuleBodySchema,
        item: logRuleSchema,
        store: logRules,
        audit: core.audit,
        check: (body) => {
          try {
            compileLogPattern(body.pattern, body.ignoreCase);
            return null;
          } catch (err) {
            if (err instanceof UnsafePatternError) return { message: err.message, field: 'pattern' };
            throw err;
          }
        },
        onChange: () => logWatcher.changed(),
      });
      registerAlertRoutes(app, { store, hub, audit: core.audit, now });
    },
    start() {
      unsubscribe.push(
        core.bus.on('engine.event', ({ hostId, event }) => {
          detector.handle(hostId, event);
          healer.handle(hostId, event);
        }),
        core.bus.on('container.intent', ({ hostId, container }) => {
          detector.expect(hostId, container);
          healer.cancel(hostId, container);
        }),
        core.bus.on('alert.raise', raise),
        core.bus.on('container.state', ({ action }) => {
          if (action === 'start' || action === 'die' || action === 'destroy') logWatcher.changed();
        }),
        core.bus.on('metrics.pass', (pass) => {
          void evaluate(pass).catch((err: unknown) =>
            core.logger.error({ err }, 'alerts: threshold rules failed'),
          );
        }),
        // Reconnect attempts repeat the status; only a change is news.
        core.bus.on('host.status', ({ hostId, reachable, error }) => {
          if (hostReachable.get(hostId) === reachable) return;
          hostReachable.set(hostId, reachable);
          raise(hostStatusAlert(hostId, reachable, error));
        }),
      );
      // A host found unreachable before this feature started listening.
      for (const { host, status } of core.hosts.list())
        if (!status.reachable && status.error !== 'connecting' && !hostReachable.has(host.id)) {
          hostReachable.set(host.id, false);
          raise(hostStatusAlert(host.id, false, status.error));
        }
      logWatcher.changed();
      // What a restart left in the outbox goes out now.
      worker.kick();
    },
    async stop() {
      for (const off of unsubscribe.splice(0)) off();
      detector.close();
      healer.close();
      logWatcher.close();
      await worker.stop();
    },
  };
}
