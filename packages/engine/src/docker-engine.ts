import type { Duplex, Readable } from 'node:stream';
import type {
  ContainerCreateBody,
  ContainerInspect,
  ContainerSummary,
  EngineEvent,
  EngineInfo,
  EngineVersion,
  ExecInspect,
  ImageInspect,
  ImageSummary,
  NetworkCreateBody,
  NetworkSummary,
  PullProgress,
  VolumeCreateBody,
  VolumeSummary,
} from './engine-types.js';

/** Filters in the Engine API's own shape, e.g. `{ label: ['a=b'], status: ['running'] }`. */
export type EngineFilters = Record<string, string[]>;

export interface LogOptions {
  follow?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  /** Unix seconds (fractions allowed) or RFC 3339. */
  since?: string;
  until?: string;
  timestamps?: boolean;
  /** A number of lines, or 'all'. */
  tail?: number | 'all';
}

export interface ExecOptions {
  cmd: string[];
  tty: boolean;
  stdin: boolean;
  env?: string[];
  workingDir?: string;
  user?: string;
}

export interface EventQuery {
  /** Unix seconds with an optional nanosecond fraction, e.g. `1700000000.123456789`. */
  since?: string;
  until?: string;
  filters?: EngineFilters;
  /** Called once the engine has accepted the subscription, before any event arrives. */
  onConnected?: () => void;
}

/**
 * The Docker calls Harbourmaster makes, and no others. Implemented for a local socket and for
 * TCP+TLS here; the remote agent will implement it too, so features never know which they use.
 */
export interface DockerEngine {
  /** The API version agreed with the engine, e.g. `1.41`; negotiated on first use. */
  apiVersion(): Promise<string>;
  version(): Promise<EngineVersion>;
  info(): Promise<EngineInfo>;
  ping(): Promise<void>;

  listContainers(opts?: { all?: boolean; filters?: EngineFilters }): Promise<ContainerSummary[]>;
  inspectContainer(id: string): Promise<ContainerInspect>;
  /**
   * One stats sample without waiting for a second one (`stream=false&one-shot=true`): the raw body,
   * which the metrics sampler checks. Only where the cgroup files cannot be read directly.
   */
  containerStats(id: string): Promise<unknown>;
  createContainer(
    name: string | undefined,
    body: ContainerCreateBody,
  ): Promise<{ Id: string; Warnings: string[] }>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string, opts?: { timeoutSeconds?: number }): Promise<void>;
  restartContainer(id: string, opts?: { timeoutSeconds?: number }): Promise<void>;
  killContainer(id: string, opts?: { signal?: string }): Promise<void>;
  pauseContainer(id: string): Promise<void>;
  unpauseContainer(id: string): Promise<void>;
  removeContainer(id: string, opts?: { force?: boolean; volumes?: boolean }): Promise<void>;
  /** The raw log stream: multiplexed unless the container has a TTY (see `LogDemuxer`). */
  containerLogs(id: string, opts: LogOptions, signal?: AbortSignal): Promise<Readable>;

  createExec(containerId: string, opts: ExecOptions): Promise<string>;
  /** Starts an exec and hands over the hijacked connection: write stdin, read output. */
  startExec(execId: string, opts: { tty: boolean }): Promise<Duplex>;
  resizeExec(execId: string, size: { rows: number; cols: number }): Promise<void>;
  inspectExec(execId: string): Promise<ExecInspect>;

  listImages(): Promise<ImageSummary[]>;
  inspectImage(ref: string): Promise<ImageInspect>;
  removeImage(ref: string, opts?: { force?: boolean }): Promise<Array<Record<string, string>>>;
  /** Pulls an image; yields the engine's progress messages and throws on an error message. */
  pullImage(ref: string, opts?: { registryAuth?: string; signal?: AbortSignal }): AsyncIterable<PullProgress>;

  listNetworks(opts?: { filters?: EngineFilters }): Promise<NetworkSummary[]>;
  createNetwork(body: NetworkCreateBody): Promise<{ Id: string }>;
  removeNetwork(id: string): Promise<void>;

  listVolumes(opts?: { filters?: EngineFilters }): Promise<VolumeSummary[]>;
  createVolume(body: VolumeCreateBody): Promise<VolumeSummary>;
  removeVolume(name: string, opts?: { force?: boolean }): Promise<void>;

  /** One connection to the event stream; ends when the engine closes it. See `EventFollower`. */
  events(query: EventQuery, signal?: AbortSignal): AsyncIterable<EngineEvent>;

  /** Closes pooled connections. */
  close(): Promise<void>;
}
