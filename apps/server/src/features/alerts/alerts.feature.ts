import { demuxLogStream } from '@harbourmaster/engine';
import type { Alert } from '@harbourmaster/contracts';
import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { sendAlert } from '../../adapters/notify/channel-senders.js';
import { ChannelError } from '../../adapters/notify/channel-error.js';
import { AlertHub } from './alert-hub.js';
import { AlertStore } from './alert-store.js';
import { ChannelStore } from './channel-store.js';
import { CrashDetector, type CrashContext } from './crash-detector.js';
import { DeliveryWorker, SEND_TIMEOUT_MS } from './delivery-worker.js';
import { RuleStore } from './rule-store.js';
import { MaintenanceStore } from './maintenance-store.js';
import { SelfHealer } from './self-healer.js';
import { hostStatusAlert } from './host-alerts.js';
import { ThresholdStore } from './threshold-store.js';
import { ThresholdEvaluator, type ContainerFacts } from './threshold-evaluator.js';
import { registerThresholdRoutes } from './thresholds.routes.js';
import { registerAlertRoutes } from './alerts.routes.js';
import { registerNotificationRoutes } from './notifications.routes.js';
import { registerMaintenanceRoutes } from './maintenance.routes.js';

/** Identical alerts within a minute are one alert (repeats counted). */
const DEDUPE_MS = 60_000;
/** What a crash alert may wait for the engine's state and last log lines. */
const CONTEXT_DEADLINE_MS = 1_500;
const LOG_TAIL_LINES = 10;

/**
 * Alerts: crashes, OOM kills, unhealthy containers and restart loops from the event stream, every
 * feature's alerts from the bus and other tools' from the API, through one hub (dedupe, rules,
 * persisted outbox) to the channels.
 */
export function createAlertsFeature(
  core: Pick<Core, 'db' | 'secrets' | 'bus' | 'hosts' | 'tags' | 'audit' | 'logger' | 'inventory'>,
): Feature {
  const now = Date.now;
  const store = new AlertStore(core.db);
  const channels = new ChannelStore(core.db, core.secrets);
  const rules = new RuleStore(core.db);
  const maintenance = new MaintenanceStore(core.db);
  const thresholds = new ThresholdStore(core.db);
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

  const test = async (channelId: string) => {
    const channel = await channels.open(channelId);
    if (!channel) return null;
    const started = now();
    const alert: Alert = {
      id: 'test',
      key: `test:${channelId}`,
      source: 'system',
      kind: 'test',
      severity: 'info',
      status: 'firing',
      title: 'Test alert from Harbourmaster',
      message: `If you read this, the channel "${channel.name}" works.`,
      hostId: null,
      container: null,
      stack: null,
      labels: {},
      detail: {},
      at: started,
      url: null,
    };
    try {
      await sendAlert(channel, alert, { timeoutMs: SEND_TIMEOUT_MS });
      await channels.noteOutcome(channelId, null);
      return { ok: true, error: null, ms: now() - started };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await channels.noteOutcome(channelId, message);
      return { ok: false, error: message, ms: now() - started };
    }
  };

  return {
    name: 'alerts',
    routes: (app) => {
      registerNotificationRoutes(app, { channels, rules, audit: core.audit, test });
      registerMaintenanceRoutes(app, { maintenance, audit: core.audit });
      registerThresholdRoutes(app, { thresholds, audit: core.audit });
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
      // What a restart left in the outbox goes out now.
      worker.kick();
    },
    async stop() {
      for (const off of unsubscribe.splice(0)) off();
      detector.close();
      healer.close();
      await worker.stop();
    },
  };
}

/** The engine's word on a container that just exited, and its last lines, within a deadline. */
async function crashContext(
  core: Pick<Core, 'hosts'>,
  hostId: string,
  id: string,
): Promise<CrashContext | null> {
  const signal = AbortSignal.timeout(CONTEXT_DEADLINE_MS);
  const engine = core.hosts.engine(hostId);
  const inspect = await Promise.race([
    engine.inspectContainer(id),
    new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
  ]);
  const logTail: string[] = [];
  try {
    const raw = await engine.containerLogs(id, { stdout: true, stderr: true, tail: LOG_TAIL_LINES }, signal);
    for await (const l of demuxLogStream(raw, { tty: inspect.Config.Tty, timestamps: false }))
      logTail.push(l.line.slice(0, 500));
  } catch {
    // The lines are a courtesy: the alert goes without them.
  }
  return {
    oomKilled: inspect.State.OOMKilled === true,
    error: inspect.State.Error || null,
    logTail: logTail.slice(-LOG_TAIL_LINES),
  };
}
