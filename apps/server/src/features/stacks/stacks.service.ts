import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackAction, StackListReply, StackReply, StackWriteBody } from '@harbourmaster/contracts';
import type { Core } from '../../core.js';
import {
  StackNotFoundError,
  StackPathError,
  type StacksDirectory,
} from '../../adapters/fs/stacks-directory.js';
import type { ComposeDetection } from '../../adapters/compose/compose-cli.js';
import { ComposeRunner, type ComposeRunResult } from '../../adapters/compose/compose-runner.js';
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
    const compose = await this.detect();
    if (compose.kind === null) throw new HttpError(503, 'compose_unavailable', compose.reason);
    this.#runner ??= new ComposeRunner(compose);
    return this.#runner;
  }

  /** Ends every Compose child still running (shutdown). */
  async closeAll(): Promise<void> {
    await this.#runner?.closeAll();
  }

  async list(hostId: string): Promise<StackListReply> {
    this.deps.hosts.get(hostId);
    const projects = await this.projects(hostId);
    const names = hostId === 'local' ? await this.directory.list() : [];
    const managed = new Set(names);
    const stacks = names.map((name) => summary(name, true, projects.get(name)));
    for (const [name, project] of projects)
      if (!managed.has(name)) stacks.push(summary(name, false, project));
    stacks.sort((a, b) => a.name.localeCompare(b.name));
    return { compose: await this.composeInfo(), stacks };
  }

  async get(hostId: string, name: string): Promise<StackReply> {
    this.localOnly(hostId);
    const files = await asHttp(this.directory.read(name));
    return { ...summary(name, true, (await this.projects(hostId)).get(name)), files };
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
    if (mode === 'update' && pathName !== name)
      throw badRequest(`renaming a stack is not supported yet: the body's name must be ${pathName}`, 'name');
    const exists = await this.exists(name);
    if (mode === 'create' && exists) throw conflict(`a stack named ${name} exists already`, 'name');
    if (mode === 'update' && !exists) throw notFound(`no stack named ${name}`);
    await this.queue.run(`${hostId}/${name}`, async () => {
      await this.validate(hostId, name, body);
      await asHttp(this.directory.write(name, body));
    });
    return this.get(hostId, name);
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
