import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectCompose, type ComposeCli } from '../src/adapters/compose/compose-cli.js';
import { ComposeRunner } from '../src/adapters/compose/compose-runner.js';
import { docker, eventually, namePrefix, removeByPrefix, TEST_IMAGE } from './support/docker-fixtures.js';
import { testDockerHost } from './support/test-server.js';

// The real docker-compose v1 against the private engine: no fakes between the runner and the CLI.
const prefix = namePrefix('compose');
const project = `${prefix}app`;
const SECRET = 'hm-secret-canary-4711';

const composeYaml = (image: string) => `services:
  one:
    image: ${image}
    network_mode: host
    command: ["sh", "-c", "echo hello-from-one; exec sleep 600"]
  two:
    image: ${image}
    network_mode: host
    environment:
      - GREETING=\${GREETING}
      - LEAK=\${HM_SECRET_KEY:-absent}
    command: ["sh", "-c", "echo hello-from-two; exec sleep 600"]
`;

let dir: string;
let cli: ComposeCli;
let runner: ComposeRunner;
let envFiles: string[];
let target: { cwd: string; project: string; dockerHost: string; envFiles: string[] };

/** Whether a process (or, with a negative id, a process group) still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `logs -f` and resolves with its pid and result once it is following. */
async function followLogs(signal?: AbortSignal) {
  let pid = 0;
  const lines: string[] = [];
  const result = runner.run({
    ...target,
    args: ['logs', '-f', '--no-color'],
    signal,
    onSpawn: (p) => (pid = p),
    onLine: (_s, l) => lines.push(l),
  });
  await eventually(() => Promise.resolve(lines.some((l) => l.includes('hello-from-two'))), 20_000);
  return { pid, result, lines };
}

beforeAll(async () => {
  process.env.HM_SECRET_KEY = SECRET;
  dir = await mkdtemp(join(tmpdir(), 'hmt-compose-'));
  await writeFile(join(dir, 'compose.yaml'), composeYaml(TEST_IMAGE));
  await writeFile(join(dir, 'global.env'), 'GREETING=from-global\nOTHER=kept');
  await writeFile(join(dir, '.env'), 'GREETING=from-stack\n');
  envFiles = [join(dir, 'global.env'), join(dir, '.env')];
  const found = await detectCompose();
  if (found.kind === null) throw new Error(found.reason);
  cli = found;
  runner = new ComposeRunner(cli);
  target = { cwd: dir, project, dockerHost: testDockerHost(), envFiles };
});

afterAll(async () => {
  await runner?.closeAll();
  await runner
    ?.run({ ...target, envFiles: [], args: ['down', '-v', '-t', '1'], timeoutMs: 60_000 })
    .catch(() => undefined);
  await removeByPrefix(prefix);
  delete process.env.HM_SECRET_KEY;
  await rm(dir, { recursive: true, force: true });
});

describe('ComposeRunner with docker-compose v1', () => {
  it('detects the standalone docker-compose 1.29', () => {
    expect(cli.kind).toBe('standalone');
    expect(cli.command).toEqual(['docker-compose']);
    expect(cli.version).toMatch(/^1\.29\.\d+$/);
  });

  it('interpolates the merged env files (stack over global) and never the daemon environment', async () => {
    const res = await runner.run({ ...target, args: ['config'] });
    expect(res.code).toBe(0);
    expect(res.output).toContain('GREETING: from-stack');
    expect(res.output).toContain('LEAK: absent');
    expect(res.output).not.toContain(SECRET);
  });

  it('brings both services up under the project label and streams the output', async () => {
    const lines: string[] = [];
    const res = await runner.run({
      ...target,
      args: ['up', '-d'],
      timeoutMs: 120_000,
      onLine: (_s, l) => lines.push(l),
    });
    expect(res).toMatchObject({ code: 0, signal: null, ended: 'exited' });
    expect(lines.some((l) => l.includes(`${project}_one_1`))).toBe(true);
    const running = await docker(
      'ps',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      '--format',
      '{{.Label "com.docker.compose.service"}} {{.State}}',
    );
    expect(running.split('\n').sort()).toEqual(['one running', 'two running']);
    expect(runner.active).toBe(0);
  });

  it('a logs -f aborted by its signal leaves no process behind', async () => {
    const ctl = new AbortController();
    const { pid, result } = await followLogs(ctl.signal);
    expect(pid).toBeGreaterThan(0);
    expect(runner.active).toBe(1);
    ctl.abort();
    const res = await result;
    expect(res.ended).toBe('aborted');
    expect(res.output).toContain('hello-from-one');
    expect(alive(pid)).toBe(false);
    expect(alive(-pid)).toBe(false);
    expect(runner.active).toBe(0);
  });

  it("gives the child only PATH, HOME and DOCKER_HOST, not the daemon's secrets", async () => {
    const { pid, result } = await followLogs();
    const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').filter(Boolean);
    const names = environ.map((kv) => kv.slice(0, kv.indexOf('='))).sort();
    expect(names).toEqual(['DOCKER_HOST', 'HOME', 'PATH', 'PYTHONUNBUFFERED']);
    expect(environ.join('\n')).not.toContain(SECRET);
    await runner.closeAll();
    expect((await result).ended).toBe('closed');
  });

  it('closeAll() ends every running logs -f', async () => {
    const a = await followLogs();
    const b = await followLogs();
    expect(runner.active).toBe(2);
    await runner.closeAll();
    expect((await a.result).ended).toBe('closed');
    expect((await b.result).ended).toBe('closed');
    expect([alive(a.pid), alive(b.pid), alive(-a.pid), alive(-b.pid)]).toEqual([false, false, false, false]);
    expect(runner.active).toBe(0);
  });

  it('ends a run that passes its deadline, group and all', async () => {
    let pid = 0;
    const res = await runner.run({
      ...target,
      args: ['logs', '-f'],
      timeoutMs: 1_500,
      onSpawn: (p) => (pid = p),
    });
    expect(res.ended).toBe('timed-out');
    expect(alive(-pid)).toBe(false);
    expect(runner.active).toBe(0);
  });

  it('validates the folder file and names the line of a YAML error in a candidate file', async () => {
    await expect(runner.validate(target)).resolves.toEqual({ ok: true });
    const candidate = join(dir, 'candidate.yaml');
    await writeFile(candidate, `services:\n  one:\n    image: ${TEST_IMAGE}\n   command: x\n`);
    const bad = await runner.validate({ ...target, file: candidate });
    expect(bad).toMatchObject({ ok: false, line: 4 });
    expect(bad.ok === false && bad.message).toContain('expected <block end>');
    await writeFile(candidate, `services:\n  one:\n    image: ${TEST_IMAGE}\n    bogus: 1\n`);
    const schema = await runner.validate({ ...target, file: candidate });
    expect(schema).toMatchObject({ ok: false, line: null });
    expect(schema.ok === false && schema.message).toContain(
      "Unsupported config option for services.one: 'bogus'",
    );
  });

  it('down removes both containers', async () => {
    const res = await runner.run({ ...target, args: ['down', '-v', '-t', '1'], timeoutMs: 60_000 });
    expect(res.code).toBe(0);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).toBe('');
  });
});
