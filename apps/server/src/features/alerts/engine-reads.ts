import { demuxLogStream } from '@harbourmaster/engine';
import type { Core } from '../../core.js';
import type { CrashContext } from './crash-detector.js';
import type { WatchableContainer } from './log-watcher.js';

/** What a crash alert may wait for the engine's state and last log lines. */
const CONTEXT_DEADLINE_MS = 1_500;
const LOG_TAIL_LINES = 10;

/** The engine's word on a container that just exited, and its last lines, within a deadline. */
export async function crashContext(
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

/** A container's new log lines from now on (stdout and stderr), until `signal` aborts or the log ends. */
export async function* followLogLines(
  core: Pick<Core, 'hosts'>,
  hostId: string,
  id: string,
  signal: AbortSignal,
): AsyncIterable<string> {
  const engine = core.hosts.engine(hostId);
  const inspect = await engine.inspectContainer(id);
  const since = String(Math.floor(Date.now() / 1000));
  const raw = await engine.containerLogs(
    id,
    { follow: true, stdout: true, stderr: true, since, tail: 0 },
    signal,
  );
  try {
    for await (const l of demuxLogStream(raw, { tty: inspect.Config.Tty, timestamps: false })) yield l.line;
  } finally {
    raw.destroy();
  }
}

/** The running containers of every host, from memory (the inventory). */
export async function runningContainers(
  core: Pick<Core, 'hosts' | 'inventory'>,
): Promise<WatchableContainer[]> {
  const out: WatchableContainer[] = [];
  for (const { host } of core.hosts.list()) {
    const listed = await core.inventory.containers(host.id);
    if (!listed.ok) continue;
    for (const e of listed.entries)
      if (e.raw.State === 'running')
        out.push({
          hostId: host.id,
          id: e.raw.Id,
          name: e.raw.Names[0]?.replace(/^\//, '') ?? e.raw.Id.slice(0, 12),
          labels: e.raw.Labels ?? {},
        });
  }
  return out;
}
