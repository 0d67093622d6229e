import { EventEmitter } from 'node:events';
import type { EngineEvent } from '@harbourmaster/engine';
import type {
  AlertInput,
  ContainerMetricValues,
  HostMetricValues,
  Job,
  MetricsSnapshot,
} from '@harbourmaster/contracts';

/** Every internal event and its payload; features subscribe by name with a typed handler. */
export interface BusEvents {
  /** A raw engine event, tagged with the host it came from. */
  'engine.event': { hostId: string; event: EngineEvent };
  /** A host became reachable or unreachable. */
  'host.status': { hostId: string; reachable: boolean; error: string | null };
  /** A container's state changed (from the event stream). */
  'container.state': {
    hostId: string;
    containerId: string;
    name: string;
    action: string;
    state: string;
    at: number;
  };
  /**
   * Someone asked for a container to stop, be killed, restarted or removed (the API, a job, a stack
   * operation): its next exit is not a crash.
   */
  'container.intent': { hostId: string; container: string; action: string };
  /** Any feature's alert, for the alerts hub to deduplicate, record and route. */
  'alert.raise': AlertInput;
  /** The hub recorded an alert (or folded an identical one into it). */
  'alert.recorded': {
    id: string;
    key: string;
    status: 'firing' | 'resolved';
    severity: 'info' | 'warning' | 'critical';
    title: string;
    deduplicated: boolean;
    at: number;
  };
  /** One metrics pass of a host: the values computed and the raw snapshot (limits, totals). */
  'metrics.pass': {
    hostId: string;
    at: number;
    host: HostMetricValues | null;
    containers: ReadonlyMap<string, ContainerMetricValues>;
    snapshot: MetricsSnapshot;
  };
  /** A job's new state or progress, as the whole job. */
  'job.update': Job;
  'audit.entry': {
    id: number;
    action: string;
    actor: string;
    target: string | null;
    result: string;
    ts: number;
  };
}

export type BusEventName = keyof BusEvents;

/** A typed in-process event bus; handlers run synchronously in emit order. */
export class EventBus {
  readonly #emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.#emitter.setMaxListeners(1000);
  }

  emit<K extends BusEventName>(name: K, payload: BusEvents[K]): void {
    this.#emitter.emit(name, payload);
  }

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends BusEventName>(name: K, handler: (payload: BusEvents[K]) => void): () => void {
    this.#emitter.on(name, handler);
    return () => this.#emitter.off(name, handler);
  }
}
