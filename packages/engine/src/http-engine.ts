import type { Duplex, Readable } from 'node:stream';
import { negotiateApiVersion } from './api-version.js';
import type { DockerEngine, EngineFilters, EventQuery, ExecOptions, LogOptions } from './docker-engine.js';
import { parseDockerHost, type DockerHostAddress, type DockerHostTlsSettings } from './docker-host.js';
import { EngineError } from './engine-errors.js';
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
import { HttpTransport, type EngineRequest } from './http-transport.js';
import { refPath, seg } from './engine-path.js';
import { splitImageRef } from './image-ref.js';
import { readNdjson } from './ndjson.js';

/**
 * Deadlines: the longest silence before the engine's answer. A stuck call ends on its own so its
 * caller can answer; calls never wait for each other (the transport opens a connection per call).
 */
export interface EngineDeadlines {
  /** Reads answer from the engine's memory: silence this long means a stuck engine. */
  readMs: number;
  pingMs: number;
  /** Changes that wait on no container process: networks, volumes, pause, kill, exec. */
  mutationMs: number;
  /** Create copies image data into new volumes, start sets up mounts and networks, image removal deletes layers. */
  heavyMs: number;
  /** Forced removal first kills the container, which can take a while on a busy host. */
  removeContainerMs: number;
  /** Stop and restart wait for the container; without an explicit grace period we cannot know it. */
  unknownGraceMs: number;
  pullStartMs: number;
}

export const ENGINE_DEADLINES: Readonly<EngineDeadlines> = Object.freeze({
  readMs: 10_000,
  pingMs: 5_000,
  mutationMs: 20_000,
  heavyMs: 60_000,
  removeContainerMs: 90_000,
  unknownGraceMs: 5 * 60_000,
  pullStartMs: 120_000,
});

/**
 * `DockerEngine` over the Engine HTTP API, for a local socket or TCP(+TLS).
 *
 * @example
 * const engine = HttpDockerEngine.fromUrl('unix:///var/run/docker.sock');
 * const running = await engine.listContainers({ filters: { status: ['running'] } });
 */
export class HttpDockerEngine implements DockerEngine {
  private readonly transport: HttpTransport;
  private negotiated: Promise<string> | undefined;

  private readonly deadlines: EngineDeadlines;

  /** `deadlines` overrides the defaults (tests use short ones). */
  constructor(address: DockerHostAddress, deadlines: Partial<EngineDeadlines> = {}) {
    this.deadlines = { ...ENGINE_DEADLINES, ...deadlines };
    // The engine may come back as a different version (an upgrade), so agree again after a loss.
    this.transport = new HttpTransport(address, () => (this.negotiated = undefined));
  }

  /** Builds an engine from a `DOCKER_HOST`-style URL. */
  static fromUrl(url: string, tls?: DockerHostTlsSettings): HttpDockerEngine {
    return new HttpDockerEngine(parseDockerHost(url, tls));
  }

  /** The engine's address for messages and logs. */
  get address(): string {
    return this.transport.address;
  }

  apiVersion(): Promise<string> {
    if (this.negotiated === undefined) {
      const attempt = this.transport
        .json<EngineVersion>({ path: '/version', timeoutMs: this.deadlines.readMs })
        .then((v) => negotiateApiVersion(v.ApiVersion));
      attempt.catch(() => {
        if (this.negotiated === attempt) this.negotiated = undefined;
      });
      this.negotiated = attempt;
    }
    return this.negotiated;
  }

  async version(): Promise<EngineVersion> {
    return this.get<EngineVersion>('/version');
  }

  async info(): Promise<EngineInfo> {
    return this.get<EngineInfo>('/info');
  }

  async ping(): Promise<void> {
    // Unversioned on purpose: it must work before, and without, negotiation.
    await this.transport.buffer({ path: '/_ping', timeoutMs: this.deadlines.pingMs });
  }

  async listContainers(opts: { all?: boolean; filters?: EngineFilters } = {}): Promise<ContainerSummary[]> {
    return this.get<ContainerSummary[]>('/containers/json', { all: opts.all, filters: opts.filters });
  }

  async inspectContainer(id: string): Promise<ContainerInspect> {
    return this.get<ContainerInspect>(`/containers/${seg(id)}/json`);
  }

  async containerStats(id: string): Promise<unknown> {
    return this.get<unknown>(`/containers/${seg(id)}/stats`, { stream: false, 'one-shot': true });
  }

  async createContainer(
    name: string | undefined,
    body: ContainerCreateBody,
  ): Promise<{ Id: string; Warnings: string[] }> {
    const created = await this.call<{ Id: string; Warnings: string[] | null }>({
      method: 'POST',
      path: '/containers/create',
      query: { name },
      body,
      timeoutMs: this.deadlines.heavyMs,
    });
    return { Id: created.Id, Warnings: created.Warnings ?? [] };
  }

  // Starting a running container or stopping a stopped one answers 304; both count as done.
  async startContainer(id: string): Promise<void> {
    await this.call({
      method: 'POST',
      path: `/containers/${seg(id)}/start`,
      timeoutMs: this.deadlines.heavyMs,
    });
  }

  async stopContainer(id: string, opts: { timeoutSeconds?: number } = {}): Promise<void> {
    await this.call({
      method: 'POST',
      path: `/containers/${seg(id)}/stop`,
      query: { t: opts.timeoutSeconds },
      timeoutMs: this.graceTimeoutMs(opts.timeoutSeconds),
    });
  }

  async restartContainer(id: string, opts: { timeoutSeconds?: number } = {}): Promise<void> {
    await this.call({
      method: 'POST',
      path: `/containers/${seg(id)}/restart`,
      query: { t: opts.timeoutSeconds },
      timeoutMs: this.graceTimeoutMs(opts.timeoutSeconds),
    });
  }

  async killContainer(id: string, opts: { signal?: string } = {}): Promise<void> {
    await this.call({ method: 'POST', path: `/containers/${seg(id)}/kill`, query: { signal: opts.signal } });
  }

  async pauseContainer(id: string): Promise<void> {
    await this.call({ method: 'POST', path: `/containers/${seg(id)}/pause` });
  }

  async unpauseContainer(id: string): Promise<void> {
    await this.call({ method: 'POST', path: `/containers/${seg(id)}/unpause` });
  }

  async removeContainer(id: string, opts: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    await this.call({
      method: 'DELETE',
      path: `/containers/${seg(id)}`,
      query: { force: opts.force, v: opts.volumes },
      timeoutMs: this.deadlines.removeContainerMs,
    });
  }

  async containerLogs(id: string, opts: LogOptions, signal?: AbortSignal): Promise<Readable> {
    return this.transport.stream({
      path: await this.path(`/containers/${seg(id)}/logs`),
      query: {
        follow: opts.follow ?? false,
        stdout: opts.stdout ?? true,
        stderr: opts.stderr ?? true,
        since: opts.since,
        until: opts.until,
        timestamps: opts.timestamps ?? false,
        tail: opts.tail,
      },
      signal,
    });
  }

  async createExec(containerId: string, opts: ExecOptions): Promise<string> {
    const created = await this.call<{ Id: string }>({
      method: 'POST',
      path: `/containers/${seg(containerId)}/exec`,
      body: {
        AttachStdin: opts.stdin,
        AttachStdout: true,
        AttachStderr: true,
        Tty: opts.tty,
        Cmd: opts.cmd,
        Env: opts.env,
        WorkingDir: opts.workingDir,
        User: opts.user,
      },
    });
    return created.Id;
  }

  async startExec(execId: string, opts: { tty: boolean }): Promise<Duplex> {
    return this.transport.upgrade({
      method: 'POST',
      path: await this.path(`/exec/${seg(execId)}/start`),
      body: { Detach: false, Tty: opts.tty },
    });
  }

  async resizeExec(execId: string, size: { rows: number; cols: number }): Promise<void> {
    await this.call({
      method: 'POST',
      path: `/exec/${seg(execId)}/resize`,
      query: { h: size.rows, w: size.cols },
    });
  }

  async inspectExec(execId: string): Promise<ExecInspect> {
    return this.get<ExecInspect>(`/exec/${seg(execId)}/json`);
  }

  async listImages(): Promise<ImageSummary[]> {
    return this.get<ImageSummary[]>('/images/json');
  }

  async inspectImage(ref: string): Promise<ImageInspect> {
    return this.get<ImageInspect>(`/images/${refPath(ref)}/json`);
  }

  async removeImage(ref: string, opts: { force?: boolean } = {}): Promise<Array<Record<string, string>>> {
    return this.call<Array<Record<string, string>>>({
      method: 'DELETE',
      path: `/images/${refPath(ref)}`,
      query: { force: opts.force },
      timeoutMs: this.deadlines.heavyMs,
    });
  }

  async *pullImage(
    ref: string,
    opts: { registryAuth?: string; signal?: AbortSignal } = {},
  ): AsyncGenerator<PullProgress> {
    const { fromImage, tag } = splitImageRef(ref);
    const body = await this.transport.stream({
      method: 'POST',
      path: await this.path('/images/create'),
      query: { fromImage, tag },
      headers: opts.registryAuth === undefined ? undefined : { 'X-Registry-Auth': opts.registryAuth },
      timeoutMs: this.deadlines.pullStartMs,
      signal: opts.signal,
    });
    for await (const message of readNdjson<PullMessage>(body)) {
      // Failures after the pull has begun arrive in the stream under HTTP 200.
      if (message.error !== undefined || message.errorDetail !== undefined) {
        const text = message.errorDetail?.message ?? message.error ?? 'unknown error';
        throw new EngineError(message.errorDetail?.code ?? 500, `Pulling ${ref} failed: ${text}`);
      }
      yield message;
    }
  }

  async listNetworks(opts: { filters?: EngineFilters } = {}): Promise<NetworkSummary[]> {
    return this.get<NetworkSummary[]>('/networks', { filters: opts.filters });
  }

  async createNetwork(body: NetworkCreateBody): Promise<{ Id: string }> {
    return this.call<{ Id: string }>({ method: 'POST', path: '/networks/create', body });
  }

  async removeNetwork(id: string): Promise<void> {
    await this.call({ method: 'DELETE', path: `/networks/${seg(id)}` });
  }

  async listVolumes(opts: { filters?: EngineFilters } = {}): Promise<VolumeSummary[]> {
    const list = await this.get<{ Volumes: VolumeSummary[] | null }>('/volumes', { filters: opts.filters });
    return list.Volumes ?? [];
  }

  async createVolume(body: VolumeCreateBody): Promise<VolumeSummary> {
    return this.call<VolumeSummary>({ method: 'POST', path: '/volumes/create', body });
  }

  async removeVolume(name: string, opts: { force?: boolean } = {}): Promise<void> {
    await this.call({ method: 'DELETE', path: `/volumes/${seg(name)}`, query: { force: opts.force } });
  }

  async *events(query: EventQuery, signal?: AbortSignal): AsyncGenerator<EngineEvent> {
    const body = await this.transport.stream({
      path: await this.path('/events'),
      query: { since: query.since, until: query.until, filters: query.filters },
      signal,
    });
    query.onConnected?.();
    yield* readNdjson<EngineEvent>(body, parseEvent);
    // Without `until` the engine only ends the stream when it shuts down; it may return upgraded.
    if (query.until === undefined) this.negotiated = undefined;
  }

  async close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }

  private graceTimeoutMs(timeoutSeconds: number | undefined): number {
    return timeoutSeconds === undefined ? this.deadlines.unknownGraceMs : timeoutSeconds * 1000 + 30_000;
  }

  private async path(path: string): Promise<string> {
    return `/v${await this.apiVersion()}${path}`;
  }

  private async get<T>(path: string, query?: EngineRequest['query']): Promise<T> {
    return this.call<T>({ path, query, timeoutMs: this.deadlines.readMs });
  }

  private async call<T = undefined>(req: EngineRequest): Promise<T> {
    return this.transport.json<T>({
      ...req,
      path: await this.path(req.path),
      timeoutMs: req.timeoutMs ?? this.deadlines.mutationMs,
    });
  }
}

interface PullMessage extends PullProgress {
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

function parseEvent(text: string): EngineEvent {
  return JSON.parse(
    text,
    function (this: Record<string, unknown>, key: string, value: unknown, context?: { source?: string }) {
      // JSON numbers hold 53 bits; timeNano needs 61, so keep its exact digits beside it.
      if (key === 'timeNano' && context?.source !== undefined) this.timeNanoText = context.source;
      return value;
    },
  ) as EngineEvent;
}
