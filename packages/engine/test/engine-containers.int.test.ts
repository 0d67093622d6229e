import { afterAll, describe, expect, it } from 'vitest';
import { EngineError } from '../src/engine-errors.js';
import type { PullProgress } from '../src/engine-types.js';
import { LogDemuxer, demuxLogStream, type LogLine } from '../src/log-demuxer.js';
import { namePrefix, removeContainers, testEngine, testEnv } from './int-env.js';

const engine = testEngine();
const prefix = namePrefix('containers');

afterAll(async () => {
  await removeContainers(engine, prefix);
  await engine.close();
});

async function runningContainer(name: string): Promise<string> {
  const { Id } = await engine.createContainer(`${prefix}${name}`, {
    Image: testEnv.image,
    Cmd: ['sleep', '300'],
    Labels: { 'hm.test': name },
    HostConfig: { NetworkMode: 'host' },
  });
  await engine.startContainer(Id);
  return Id;
}

describe('HttpDockerEngine against the test engine', () => {
  it('negotiates API 1.41 with Docker 20.10', async () => {
    expect(await engine.apiVersion()).toBe('1.41');
    const version = await engine.version();
    expect(version.ApiVersion).toBe('1.41');
    await expect(engine.ping()).resolves.toBeUndefined();
  });

  it('creates, starts, inspects, stops and removes a container', async () => {
    const id = await runningContainer('life');
    const running = await engine.inspectContainer(id);
    expect(running.Name).toBe(`/${prefix}life`);
    expect(running.State).toMatchObject({ Status: 'running', Running: true });
    expect(running.HostConfig.NetworkMode).toBe('host');
    expect(running.Config.Labels).toMatchObject({ 'hm.test': 'life' });

    const listed = await engine.listContainers({ filters: { label: ['hm.test=life'], status: ['running'] } });
    expect(listed.map((c) => c.Id)).toContain(id);

    await engine.stopContainer(id, { timeoutSeconds: 0 });
    expect((await engine.inspectContainer(id)).State.Running).toBe(false);
    // Stopping again answers 304, which is not an error.
    await engine.stopContainer(id, { timeoutSeconds: 0 });

    await engine.removeContainer(id);
    const gone = await engine.inspectContainer(id).catch((err: unknown) => err);
    expect(gone).toBeInstanceOf(EngineError);
    expect(gone).toMatchObject({ statusCode: 404 });
  });

  it('runs an exec and reads its output and exit code', async () => {
    const id = await runningContainer('exec');
    const execId = await engine.createExec(id, {
      cmd: ['sh', '-c', 'echo hello; echo oops >&2; exit 3'],
      tty: false,
      stdin: false,
    });
    const lines: LogLine[] = [];
    for await (const line of demuxLogStream(await engine.startExec(execId, { tty: false }), {
      tty: false,
      timestamps: false,
    })) {
      lines.push(line);
    }
    expect(lines).toEqual(
      expect.arrayContaining([
        { stream: 'stdout', line: 'hello' },
        { stream: 'stderr', line: 'oops' },
      ]),
    );
    expect(lines).toHaveLength(2);
    expect(await engine.inspectExec(execId)).toMatchObject({ Running: false, ExitCode: 3 });
  });

  it('feeds stdin to an exec through the hijacked connection', async () => {
    const id = await runningContainer('stdin');
    const execId = await engine.createExec(id, { cmd: ['cat'], tty: false, stdin: true });
    const conn = await engine.startExec(execId, { tty: false });
    conn.end('line one\nline two\n');
    const demuxer = new LogDemuxer({ tty: false, timestamps: false });
    const lines: string[] = [];
    for await (const chunk of conn) lines.push(...demuxer.push(chunk as Buffer).map((l) => l.line));
    expect(lines).toEqual(['line one', 'line two']);
  });

  it('pulls from the registry with progress messages', async () => {
    const ref = `${testEnv.registry}/hm-test/busybox:1`;
    // Drop only the tag (the image stays under its local name), so the pull has to ask the registry.
    await engine.removeImage(ref).catch(() => []);
    const progress: PullProgress[] = [];
    for await (const message of engine.pullImage(ref)) progress.push(message);
    expect(progress[0]?.status).toBe('Pulling from hm-test/busybox');
    expect(progress.some((p) => p.status.startsWith('Digest: sha256:'))).toBe(true);
    expect(progress.at(-1)?.status).toMatch(new RegExp(`^Status: .*${ref.replaceAll('.', '\\.')}$`));
    const image = await engine.inspectImage(ref);
    expect(image.RepoDigests).toEqual(
      expect.arrayContaining([expect.stringMatching(`^${testEnv.registry}/hm-test/busybox@sha256:`)]),
    );
  });

  it('fails a pull of a missing tag with the registry’s reason', async () => {
    const pulling = (async () => {
      for await (const _ of engine.pullImage(`${testEnv.registry}/hm-test/busybox:missing`)) {
        // progress is irrelevant here
      }
    })();
    await expect(pulling).rejects.toThrow(/manifest unknown|not found/);
  });
});
