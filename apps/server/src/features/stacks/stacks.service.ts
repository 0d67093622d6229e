import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  COMPOSE_FILE_NAMES,
  type StackAction,
  type StackAdoptBody,
  type StackLogLine,
  type StackListReply,
  type StackReply,
  type StackWriteBody,
} from '@harbourmaster/contracts';
import type { Core } from '../../core.js';
import {
  StackNotFoundError,
  StackPathError,
  type StacksDirectory,
} from '../../adapters/fs/stacks-directory.js';
import type { ComposeDetection } from '../../adapters/compose/compose-cli.js';
import { ComposeRunner, type ComposeRunResult } from '../../adapters/compose/compose-runner.js';
import { parseComposeLogLine } from '../../adapters/compose/compose-log-line.js';
import { HttpError, badRequest, conflict, notFound } from '../../http/http-errors.js';
import { projectsOf, stackStatus, type ProjectContainers } from './stack-status.js';
import { StackQueue } from './stack-queue.js';

/** What each action asks of Compose. */
export const ACTION_ARGS: Readonly<Record<StackAction, string[]>> = {
  deploy: ['up', '-d', '--remove-orphans'],
  stop: ['stop'],
  down: ['down'],
  restart: ['restart'],
  pull: ['pull'],
};

/** The Compose arguments of an action on the whole stack, or on one of its services. */
export function stackArgs(action: StackAction, service?: string): string[] {
  if (service === undefined) return ACTION_ARGS[action];
  // One service: `up` without --remove-orphans (the other services are not orphans), and `down`,
  // which has no per-service form, as stop.
  const base = action === 'deploy' ? ['up', '-d'] : action === 'down' ? ['stop'] : ACTION_ARGS[action];
  return [...base, service];
}

type Deps = Pick<Core, 'hosts' | 'inventory'>;

/** The HTTP error for what the stacks directory refused (other errors pass through). */
export function stackHttpError(err: unknown): Error {
  if (err instanceof StackPathError) return badRequest(err.message, 'name');
  if (err instanceof StackNotFoundError) return notFound(err.message);
  return err instanceof Error ? err : new Error(String(err));
}

/** The directory's call, with its refusals turned into the HTTP errors they mean. */
function asHttp<T>(call: Promise<T>): Promise<T> {
  return call.catch((err: unknown) => Promise.reject(stackHttpError(err)));
}

/**
 * Stacks of the local host: folders in the stacks directory, their state from their containers'
 * Compose labels, and Compose projects found on the host that are not (yet) in the directory.
 */
export class StacksService {
  readonly queue = new StackQueue();
  #runner: ComposeRunner | null = null;
  #closed = false;

  constructor(
    private readonly deps: Deps,
    readonly directory: StacksDirectory,
    /** Which Compose this machine has (detected once, cached by the detector). */
    private readonly detect: () => Promise<ComposeDetection>,
  ) {}

  async composeInfo(): Promise<StackListReply['compose']> {
    const compose = await this.detect();
    return compose.kind === null
      ? { kind: null, version: null, reason: compose.reason }
      : { kind: compose.kind, version: compose.version, reason: null };
  }

  /** The runner, or a clear refusal when there is no Compose on this machine. */
  async runner(): Promise<ComposeRunner> {
    if (this.#closed)
      throw new HttpError(503, 'shutting_down', 'the daemon is stopping; try again in a moment');
    const compose = await this.detect();
    if (compose.kind === null) throw new HttpError(503, 'compose_unavailable', compose.reason);
    this.#runner ??= new ComposeRunner(compose);
    return this.#runner;
  }

  /** Ends every Compose child still running (shutdown). */
  async closeAll(): Promise<void> {
    this.#closed = true;
    await this.#runner?.closeAll();
  }

  async list(hostId: string): Promise<StackListReply> {
    this.deps.hosts.get(hostId);
    const projects = await this.projects(hostId);
    const names = hostId === 'local' ? await this.directory.list() : [];
    const managed = new Set(names);
    const stacks = names.map((name) => ({
      ...summary(name, true, projects.get(name)),
      location: this.location(name),
    }));
    for (const [name, project] of projects)
      if (!managed.has(name)) stacks.push({ ...summary(name, false, project), location: null });
    stacks.sort((a, b) => a.name.localeCompare(b.name));
    return { compose: await this.composeInfo(), stacks };
  }

  async get(hostId: string, name: string): Promise<StackReply> {
    this.localOnly(hostId);
    const files = await asHttp(this.directory.read(name));
    return {
      ...summary(name, true, (await this.projects(hostId)).get(name)),
      location: this.location(name),
      files,
      declared: declaredServices(files.compose),
    };
  }

  /** The services the stack's compose file names (empty when it does not parse). */
  async serviceNames(hostId: string, name: string): Promise<string[]> {
    this.localOnly(hostId);
    return declaredServices((await asHttp(this.directory.read(name))).compose);
  }

  /** 404 unless the stack's compose file names the service. */
  async assertService(hostId: string, name: string, service: string): Promise<void> {
    if (!(await this.serviceNames(hostId, name)).includes(service))
      throw notFound(`stack ${name} has no service named ${service}`);
  }

  /**
   * Takes over a Compose project started elsewhere (found by its labels): `move` moves its folder into
   * the stacks directory, `in-place` manages it where it is.
   */
  async adopt(hostId: string, name: string, body: StackAdoptBody): Promise<StackReply> {
    this.localOnly(hostId);
    this.resolve(name);
    if (await this.exists(name)) throw conflict(`stack ${name} is managed already`, 'name');
    const project = (await this.projects(hostId)).get(name);
    if (!project) throw notFound(`no Compose project named ${name} runs on this host`);
    const folder = projectFolder(name, project);
    await this.queue.run(`${hostId}/${name}`, () =>
      asHttp(
        body.mode === 'move'
          ? this.directory.moveIn(name, folder)
          : this.directory.adoptInPlace(name, folder),
      ).catch((err: unknown) => Promise.reject(fsRefusal(err, folder))),
    );
    return this.get(hostId, name);
  }

  /** Where the files of a stack managed in place are; null for the stacks directory. */
  private location(name: string): string | null {
    return this.directory.isInPlace(name) ? this.resolve(name) : null;
  }

  /** Validates the files with `compose config --quiet`, then writes them; nothing is written if they do not validate. */
  async write(
    hostId: string,
    body: StackWriteBody,
    mode: 'create' | 'update',
    pathName?: string,
  ): Promise<StackReply> {
    this.localOnly(hostId);
    const name = body.name;
    const current = mode === 'update' && pathName !== undefined ? pathName : name;
    const exists = await this.exists(current);
    if (mode === 'create' && exists) throw conflict(`a stack named ${name} exists already`, 'name');
    if (mode === 'update' && !exists) throw notFound(`no stack named ${current}`);
    if (current !== name) await this.assertRenamable(hostId, current, name);
    await this.queue.run(`${hostId}/${current}`, async () => {
      await this.validate(hostId, name, body);
      await asHttp(this.directory.write(current, body));
      if (current !== name) await asHttp(this.directory.rename(current, name));
    });
    return this.get(hostId, name);
  }

  /**
   * A rename changes the Compose project name, and Compose names containers, networks and volumes
   * after it: a deployed stack would lose track of its containers, and its volumes would not follow.
   */
  private async assertRenamable(hostId: string, from: string, to: string): Promise<void> {
    if (await this.exists(to)) throw conflict(`a stack named ${to} exists already`, 'name');
    if ((await this.projects(hostId)).has(from))
      throw conflict(
        `stack ${from} has containers; take it down first (Compose names containers after the stack)`,
        'name',
      );
    const volumes = await this.deps.hosts
      .engine(hostId)
      .listVolumes({ filters: { label: [`com.docker.compose.project=${from}`] } })
      .catch(() => []);
    const names = volumes.map((v) => v.Name);
    if (names.length > 0)
      throw conflict(
        `stack ${from} has volumes (${names.slice(0, 5).join(', ')}); they are named after the stack and would not follow a rename — remove them (delete the stack with its volumes) or keep the name`,
        'name',
      );
  }

  /** Takes the stack down (its volumes too when asked) if it has containers, then deletes its folder. */
  async remove(hostId: string, name: string, volumes: boolean): Promise<void> {
    this.localOnly(hostId);
    if (!(await this.exists(name))) throw notFound(`no stack named ${name}`);
    await this.queue.run(`${hostId}/${name}`, async () => {
      const project = (await this.projects(hostId)).get(name);
      if (project || volumes) {
        const res = await this.run(hostId, name, volumes ? ['down', '-v'] : ['down']);
        if (res.code !== 0)
          throw new HttpError(502, 'compose_failed', `compose down failed: ${lastLines(res.output)}`);
      }
      await asHttp(this.directory.remove(name));
    });
  }

  /** Runs Compose in the stack's folder with the global and the stack's env files. */
  async run(
    hostId: string,
    name: string,
    args: string[],
    opts: { signal?: AbortSignal; onLine?: (stream: 'stdout' | 'stderr', line: string) => void } = {},
  ): Promise<ComposeRunResult> {
    const cwd = this.resolve(name);
    if (!(await this.exists(name))) throw notFound(`no stack named ${name}`);
    const runner = await this.runner();
    return runner.run({
      cwd,
      project: name,
      dockerHost: this.deps.hosts.get(hostId).host.url,
      envFiles: await this.envFiles(name),
      args,
      ...opts,
    });
  }

  /**
   * Follows (or reads the tail of) the stack's logs with `compose logs`, one service or all merged.
   * The child belongs to the caller: it ends when `signal` aborts (the client left) or the daemon stops.
   */
  async logs(
    hostId: string,
    name: string,
    q: { service?: string; tail: number | 'all'; timestamps: boolean; follow: boolean },
    signal: AbortSignal,
    onLine: (line: StackLogLine) => void,
  ): Promise<ComposeRunResult> {
    this.localOnly(hostId);
    if (q.service) await this.assertService(hostId, name, q.service);
    const args = [
      'logs',
      '--no-color',
      `--tail=${String(q.tail)}`,
      ...(q.follow ? ['--follow'] : []),
      ...(q.timestamps ? ['--timestamps'] : []),
      ...(q.service ? [q.service] : []),
    ];
    return this.run(hostId, name, args, {
      signal,
      onLine: (stream, raw) => {
        const line = parseComposeLogLine(raw, stream, q.timestamps);
        if (line) onLine(line);
      },
    });
  }

  private async validate(hostId: string, name: string, body: StackWriteBody): Promise<void> {
    // The candidate is checked in a folder of its own: a file that does not validate never reaches the stack's.
    const dir = await mkdtemp(join(tmpdir(), 'hm-stack-check-'));
    try {
      await writeFile(join(dir, 'compose.yaml'), body.compose, { mode: 0o600 });
      const stackEnv =
        body.env ??
        (await this.directory.read(name).then(
          (f) => f.env,
          () => null,
        ));
      if (stackEnv) await writeFile(join(dir, '.env'), stackEnv, { mode: 0o600 });
      const global = await this.directory.globalEnvFile();
      const verdict = await (
        await this.runner()
      ).validate({
        cwd: dir,
        project: name,
        dockerHost: this.deps.hosts.get(hostId).host.url,
        envFiles: global ? [global, ...(stackEnv ? [join(dir, '.env')] : [])] : undefined,
      });
      if (!verdict.ok) {
        const where = verdict.line === null ? '' : `line ${verdict.line}: `;
        throw badRequest(
          `the compose file does not validate: ${where}${verdict.message.replaceAll(dir, '.')}`,
          'compose',
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async envFiles(name: string): Promise<string[] | undefined> {
    const global = await this.directory.globalEnvFile();
    if (!global) return undefined; // Compose reads the stack's own .env from its folder by itself
    const own = (await this.directory.read(name)).env === null ? [] : [join(this.resolve(name), '.env')];
    return [global, ...own];
  }

  private resolve(name: string): string {
    try {
      return this.directory.resolve(name);
    } catch (err) {
      throw stackHttpError(err);
    }
  }

  private async exists(name: string): Promise<boolean> {
    this.resolve(name);
    return (await asHttp(this.directory.composeFile(name))) !== null;
  }

  private localOnly(hostId: string): void {
    this.deps.hosts.get(hostId);
    if (hostId !== 'local')
      throw badRequest('stacks live on the local host for now; remote hosts come with agents', 'host');
  }

  private async projects(hostId: string): Promise<Map<string, ProjectContainers>> {
    const listed = await this.deps.inventory.containers(hostId);
    return listed.ok ? projectsOf(listed.entries) : new Map();
  }
}

/** The service names of a compose text (empty when it does not parse). */
function declaredServices(compose: string): string[] {
  try {
    const doc = parseYaml(compose, { maxAliasCount: 100 }) as { services?: unknown } | null;
    return doc?.services && typeof doc.services === 'object' ? Object.keys(doc.services) : [];
  } catch {
    return [];
  }
}

/** The folder a project was started from: its working_dir label, checked against its config_files. */
function projectFolder(name: string, project: ProjectContainers): string {
  const dir = project.workingDir;
  if (!dir || !isAbsolute(dir))
    throw conflict(
      `project ${name} does not say which folder it was started from (no working_dir label)`,
      'name',
    );
  const files = project.configFiles.map((f) => resolvePath(dir, f));
  if (files.length !== 1 || dirname(files[0] ?? '') !== dir)
    throw conflict(
      `project ${name} was started with ${files.length === 0 ? 'no recorded compose file' : files.join(', ')}; adopt takes one compose file in the project's folder`,
      'name',
    );
  const file = basename(files[0] ?? '');
  if (!(COMPOSE_FILE_NAMES as readonly string[]).includes(file))
    throw conflict(
      `project ${name} uses ${file}; the stacks directory reads ${COMPOSE_FILE_NAMES.join(', ')} — rename the file first`,
      'name',
    );
  return dir;
}

/** A file-system refusal during adopt, as the HTTP error it means. */
function fsRefusal(err: unknown, folder: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return conflict(`the project's folder ${folder} is not there (or not visible to the daemon)`, 'name');
  if (code === 'EACCES' || code === 'EPERM')
    return conflict(
      `the daemon may not read or move ${folder} (${code}); adopt in place or fix its permissions`,
      'name',
    );
  return err instanceof Error ? err : new Error(String(err));
}

function summary(name: string, managed: boolean, project: ProjectContainers | undefined) {
  return {
    name,
    managed,
    status: stackStatus(project),
    workingDir: project?.workingDir ?? null,
    services: project?.services ?? [],
  };
}

/** The end of a CLI's output, for an error message. */
export function lastLines(output: string, n = 12): string {
  return output.trim().split('\n').slice(-n).join('\n');
}
