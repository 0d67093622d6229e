import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { composeArgv, composeEnv, validateArgs, type ComposeTls } from './compose-argv.js';
import type { ComposeCli } from './compose-cli.js';
import { composeErrorLine } from './compose-error-line.js';
import { prepareEnvFiles } from './env-file-merge.js';
import { LineSplitter } from './line-splitter.js';

/** Where and as what project one Compose call runs. */
export type ComposeTarget = {
  cwd: string;
  project: string;
  dockerHost: string;
  tls?: ComposeTls;
  /** The global env file first, then the stack's own. */
  envFiles?: string[];
};

/** One Compose call. */
export type ComposeRunOptions = ComposeTarget & {
  args: string[];
  signal?: AbortSignal;
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Told the child's pid once it runs (its process group has the same id). */
  onSpawn?: (pid: number) => void;
  timeoutMs?: number;
};

/** How a call ended: exit code or signal, why it ended, and the last ~64 KB of its output. */
export type ComposeRunResult = {
  code: number | null;
  signal: string | null;
  ended: 'exited' | 'aborted' | 'timed-out' | 'closed';
  output: string;
};

/** A `config --quiet` verdict, with the offending line when the CLI names one. */
export type ComposeValidation = { ok: true } | { ok: false; message: string; line: number | null };

const OUTPUT_TAIL_CHARS = 64 * 1024;
/** Grace between SIGTERM and SIGKILL: Compose stops its own work on SIGTERM when it can. */
const KILL_GRACE_MS = 5_000;

type Owned = { stop: (why: 'aborted' | 'timed-out' | 'closed') => void; done: Promise<unknown> };

/**
 * Runs the Compose CLI as argv (no shell) in its own process group, owning every child: an abort,
 * a timeout or `closeAll()` ends the whole group, so no `logs -f` or half-done `up` outlives its owner.
 */
export class ComposeRunner {
  private readonly children = new Set<Owned>();

  constructor(
    private readonly cli: Pick<ComposeCli, 'kind' | 'command'>,
    private readonly daemonEnv: NodeJS.ProcessEnv = process.env,
  ) {}

  /** How many Compose children are running now. */
  get active(): number {
    return this.children.size;
  }

  /** Runs one Compose command to its end (or abort/timeout); rejects only when it cannot start (bad project name, unreadable env file, CLI missing). */
  async run(opts: ComposeRunOptions): Promise<ComposeRunResult> {
    if (opts.signal?.aborted) return { code: null, signal: null, ended: 'aborted', output: '' };
    const env = await prepareEnvFiles(this.cli.kind, opts.envFiles ?? []);
    try {
      return await this.spawnOwned(composeArgv(this.cli.command, opts.project, env.files, opts.args), opts);
    } finally {
      await env.cleanup();
    }
  }

  /** Checks the folder's compose file, or a candidate `file`, with `config --quiet`. */
  async validate(opts: ComposeTarget & { file?: string; timeoutMs?: number }): Promise<ComposeValidation> {
    const res = await this.run({
      ...opts,
      args: validateArgs(opts.cwd, opts.file),
      timeoutMs: opts.timeoutMs ?? 30_000,
    });
    if (res.code === 0) return { ok: true };
    const message =
      res.ended === 'timed-out'
        ? 'the Compose CLI did not finish checking the file in time'
        : res.output.trim();
    return {
      ok: false,
      message: message || `the Compose CLI exited with code ${String(res.code)}`,
      line: composeErrorLine(message),
    };
  }

  /** Ends every running child (the daemon calls this on stop) and waits until they are gone. */
  async closeAll(): Promise<void> {
    const all = [...this.children];
    for (const owned of all) owned.stop('closed');
    await Promise.all(all.map((o) => o.done));
  }

  private spawnOwned(argv: string[], opts: ComposeRunOptions): Promise<ComposeRunResult> {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: composeEnv(this.daemonEnv, opts.dockerHost, opts.tls),
      shell: false,
      detached: true, // its own process group, so a kill reaches anything it started
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let output = '';
    const onLine = (stream: 'stdout' | 'stderr', line: string) => {
      output += `${line}\n`;
      if (output.length > OUTPUT_TAIL_CHARS * 2) output = output.slice(-OUTPUT_TAIL_CHARS);
      opts.onLine?.(stream, line);
    };
    const streams = [pipeLines(child.stdout, 'stdout', onLine), pipeLines(child.stderr, 'stderr', onLine)];

    let ended: ComposeRunResult['ended'] = 'exited';
    let closed = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: 'aborted' | 'timed-out' | 'closed') => {
      // Not keyed on the leader's exit: members it left behind still hold the pipes and need the kill.
      if (ended !== 'exited' || closed) return;
      ended = why;
      killGroup(child, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), KILL_GRACE_MS);
    };
    const abort = () => stop('aborted');
    const timer = opts.timeoutMs ? setTimeout(() => stop('timed-out'), opts.timeoutMs) : undefined;

    const result = new Promise<ComposeRunResult>((resolve, reject) => {
      child.once('error', (err) =>
        reject(new Error(`cannot start ${this.cli.command.join(' ')}: ${err.message}`, { cause: err })),
      );
      child.once('close', (code, signal) => {
        closed = true;
        for (const s of streams) s.flush();
        resolve({ code, signal, ended, output: output.slice(-OUTPUT_TAIL_CHARS) });
      });
    }).finally(() => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', abort);
      this.children.delete(owned);
    });
    const owned: Owned = { stop, done: result.catch(() => undefined) };
    if (child.pid !== undefined) {
      this.children.add(owned);
      opts.signal?.addEventListener('abort', abort, { once: true });
      opts.onSpawn?.(child.pid);
    }
    return result;
  }
}

/** Signals the child's whole process group; a group already gone is not an error. */
function killGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    // ESRCH: every member has already exited.
  }
}

/** Decodes a stream as UTF-8 (characters split across chunks stay whole) and emits its lines. */
function pipeLines(
  stream: NodeJS.ReadableStream | null,
  name: 'stdout' | 'stderr',
  emit: (stream: 'stdout' | 'stderr', line: string) => void,
): { flush: () => void } {
  const decoder = new StringDecoder('utf8');
  const splitter = new LineSplitter();
  stream?.on('data', (chunk: Buffer) => {
    for (const line of splitter.push(decoder.write(chunk))) emit(name, line);
  });
  return {
    flush: () => {
      for (const line of [...splitter.push(decoder.end()), ...splitter.flush()]) emit(name, line);
    },
  };
}
