import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job, StackListReply, StackLogLine, StackReply } from '@harbourmaster/contracts';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Stack logs, per-service actions, viewers' view of .env, rename and adopt, with docker-compose v1
// on the private engine.
const prefix = namePrefix('stkm').replace(/[^a-z0-9_-]/g, '');
const name = `${prefix}talk`;
let server: TestServer & { dataDir: string };

const talker = (word: string) =>
  `['sh', '-c', 'trap "exit 0" TERM; i=0; while true; do i=$$((i+1)); echo ${word} $$i; sleep 0.2; done']`;
const composeText = `services:
  app:
    image: ${TEST_IMAGE}
    command: ${talker('app-says')}
    network_mode: host
  worker:
    image: ${TEST_IMAGE}
    command: ${talker('worker-says')}
    network_mode: host
`;

async function waitJob(jobId: string): Promise<Job> {
  return eventually(async () => {
    const job = (await server.api<Job>('GET', `/api/jobs/${jobId}`)).body;
    return ['succeeded', 'failed', 'cancelled'].includes(job.state) ? job : null;
  }, 60_000);
}

async function act(path: string): Promise<Job> {
  const res = await server.api<{ jobId: string }>('POST', path, undefined, 'operator');
  expect(res.status).toBe(202);
  return waitJob(res.body.jobId);
}

const stackOf = async (stack: string) =>
  (await server.api<StackListReply>('GET', '/api/hosts/local/stacks')).body.stacks.find(
    (s) => s.name === stack,
  );

/** Pids of `compose logs` children started for a project (from /proc, not from the daemon's own view). */
function composeLogsPids(project: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (argv.includes('logs') && argv.includes(project)) pids.push(Number(entry));
  }
  return pids;
}

function composeByHand(dir: string, project: string, ...args: string[]): void {
  execFileSync('docker-compose', ['-p', project, ...args], {
    cwd: dir,
    env: { ...process.env, DOCKER_HOST: process.env.HM_TEST_DOCKER_HOST },
    stdio: 'ignore',
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const created = await server.api(
    'POST',
    '/api/hosts/local/stacks',
    { name, compose: composeText, env: 'DB_PASSWORD=hunter2\nPORT=8080\n' },
    'operator',
  );
  expect(created.status).toBe(201);
  expect((await act(`/api/hosts/local/stacks/${name}/deploy`)).state).toBe('succeeded');
});

afterAll(async () => {
  await server?.close();
  await removeByPrefix(prefix);
});

describe('stack logs', () => {
  it('merges every service, or reads one, and names the container each line came from', async () => {
    const all = await eventually(async () => {
      const res = await server.api<{ lines: StackLogLine[] }>(
        'GET',
        `/api/hosts/local/stacks/${name}/logs?follow=false&tail=20`,
        undefined,
        'viewer',
      );
      const sources = new Set(res.body.lines.map((l) => l.source));
      return sources.size >= 2 ? res.body.lines : null;
    });
    expect(all.some((l) => /app/.test(l.source) && /^app-says \d+$/.test(l.line))).toBe(true);
    expect(all.some((l) => /worker/.test(l.source) && /^worker-says \d+$/.test(l.line))).toBe(true);

    const one = await server.api<{ lines: StackLogLine[] }>(
      'GET',
      `/api/hosts/local/stacks/${name}/logs?follow=false&tail=5&service=worker`,
    );
    expect(one.body.lines.length).toBeGreaterThan(0);
    expect(one.body.lines.every((l) => l.line.startsWith('worker-says'))).toBe(true);
    expect((await server.api('GET', `/api/hosts/local/stacks/${name}/logs?service=nope`)).status).toBe(404);
    expect((await server.api('GET', `/api/hosts/local/stacks/${name}/logs?service=..%2Fx`)).status).toBe(400);
  });

  it('follows as server-sent events and ends the Compose child when the client leaves', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/hosts/local/stacks/${name}/logs?tail=0`, {
      headers: { authorization: `Bearer ${server.tokens.viewer}` },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!(text.includes('app-says') && text.includes('worker-says'))) {
      const { value, done } = (await reader.read()) as { value?: Uint8Array; done: boolean };
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(composeLogsPids(name).length).toBeGreaterThan(0);
    abort.abort();
    await eventually(() => Promise.resolve(composeLogsPids(name).length === 0), 15_000);
  });
});

describe('per-service actions', () => {
  it('restarts one service and leaves the other alone', async () => {
    const started = async (service: string) =>
      docker(
        'inspect',
        '-f',
        '{{.State.StartedAt}}',
        (await stackOf(name))!.services.find((s) => s.name === service)!.containers[0]!.id,
      );
    const [app0, worker0] = [await started('app'), await started('worker')];
    const job = await act(`/api/hosts/local/stacks/${name}/services/app/restart`);
    expect(job.state).toBe('succeeded');
    expect(await started('app')).not.toBe(app0);
    expect(await started('worker')).toBe(worker0);
    expect(
      (
        await server.api(
          'POST',
          `/api/hosts/local/stacks/${name}/services/ghost/restart`,
          undefined,
          'operator',
        )
      ).status,
    ).toBe(404);
    expect(
      (await server.api('POST', `/api/hosts/local/stacks/${name}/services/app/restart`, undefined, 'viewer'))
        .status,
    ).toBe(403);
  });
});

describe('.env for viewers', () => {
  it('masks secret-looking values for viewers and shows them to operators', async () => {
    const viewer = await server.api<StackReply>(
      'GET',
      `/api/hosts/local/stacks/${name}`,
      undefined,
      'viewer',
    );
    expect(viewer.body.files.env).toBe('DB_PASSWORD=••••••••\nPORT=8080\n');
    const operator = await server.api<StackReply>(
      'GET',
      `/api/hosts/local/stacks/${name}`,
      undefined,
      'operator',
    );
    expect(operator.body.files.env).toBe('DB_PASSWORD=hunter2\nPORT=8080\n');
  });
});

describe('rename', () => {
  it('refuses while the stack has containers, then renames its folder', async () => {
    const renamed = `${name}2`;
    const body = { name: renamed, compose: composeText };
    const busy = await server.api<{ message: string }>(
      'PUT',
      `/api/hosts/local/stacks/${name}`,
      body,
      'operator',
    );
    expect(busy.status).toBe(409);
    expect(busy.body.message).toMatch(/take it down first/);
    expect(existsSync(join(server.dataDir, 'stacks', name))).toBe(true);

    expect((await act(`/api/hosts/local/stacks/${name}/down`)).state).toBe('succeeded');
    const ok = await server.api<StackReply>('PUT', `/api/hosts/local/stacks/${name}`, body, 'operator');
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe(renamed);
    expect(existsSync(join(server.dataDir, 'stacks', name))).toBe(false);
    expect(readFileSync(join(server.dataDir, 'stacks', renamed, '.env'), 'utf8')).toBe(
      'DB_PASSWORD=hunter2\nPORT=8080\n',
    );
    expect((await server.api('GET', `/api/hosts/local/stacks/${name}`)).status).toBe(404);
    const taken = await server.api(
      'PUT',
      `/api/hosts/local/stacks/${renamed}`,
      { name: renamed, compose: composeText },
      'operator',
    );
    expect(taken.status).toBe(200);
  });
});

describe('adopt', () => {
  const byHand = (project: string, file = 'docker-compose.yml') => {
    const dir = join(server.dataDir, 'elsewhere', project);
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'kept.txt'), 'kept\n');
    writeFileSync(
      join(dir, file),
      `services:\n  one:\n    image: ${TEST_IMAGE}\n    command: sleep 600\n    stop_grace_period: 1s\n    network_mode: host\n    volumes:\n      - ./data:/data\n`,
    );
    composeByHand(dir, project, 'up', '-d');
    return dir;
  };

  it('moves a project started by hand into the stacks directory, then runs it from there', async () => {
    const project = `${prefix}moved`;
    const dir = byHand(project);
    await eventually(async () => (await stackOf(project))?.managed === false);
    const adopted = await server.api<StackReply>(
      'POST',
      `/api/hosts/local/stacks/${project}/adopt`,
      { mode: 'move' },
      'operator',
    );
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ managed: true, location: null, status: 'running' });
    expect(existsSync(dir)).toBe(false);
    const folder = join(server.dataDir, 'stacks', project);
    expect(readFileSync(join(folder, 'data', 'kept.txt'), 'utf8')).toBe('kept\n');
    expect((await act(`/api/hosts/local/stacks/${project}/deploy`)).state).toBe('succeeded');
    const one = (await stackOf(project))!.services[0]!.containers[0]!;
    expect(await docker('inspect', '-f', '{{range .Mounts}}{{.Source}}{{end}}', one.id)).toBe(
      join(folder, 'data'),
    );
    expect(
      (await server.api('POST', `/api/hosts/local/stacks/${project}/adopt`, { mode: 'move' }, 'operator'))
        .status,
    ).toBe(409);
    expect((await act(`/api/hosts/local/stacks/${project}/down`)).state).toBe('succeeded');
  });

  it('manages a project in place: edits land in its folder, delete leaves the folder', async () => {
    const project = `${prefix}inplace`;
    const dir = byHand(project, 'compose.yaml');
    await eventually(async () => (await stackOf(project))?.managed === false);
    const adopted = await server.api<StackReply>(
      'POST',
      `/api/hosts/local/stacks/${project}/adopt`,
      { mode: 'in-place' },
      'operator',
    );
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({
      managed: true,
      location: dir,
      files: { composeFile: 'compose.yaml' },
    });
    const text = adopted.body.files.compose.replace('sleep 600', 'sleep 601');
    expect(
      (
        await server.api(
          'PUT',
          `/api/hosts/local/stacks/${project}`,
          { name: project, compose: text },
          'operator',
        )
      ).status,
    ).toBe(200);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(text);
    expect((await act(`/api/hosts/local/stacks/${project}/deploy`)).state).toBe('succeeded');
    const del = await server.api('DELETE', `/api/hosts/local/stacks/${project}`, undefined, 'operator');
    expect(del.status).toBe(200);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(text);
    expect(await stackOf(project)).toBeUndefined();
  });

  it('says what is wrong: no such project, a bad mode, a viewer', async () => {
    expect(
      (await server.api('POST', `/api/hosts/local/stacks/${prefix}ghost/adopt`, { mode: 'move' }, 'operator'))
        .status,
    ).toBe(404);
    expect(
      (await server.api('POST', `/api/hosts/local/stacks/${prefix}ghost/adopt`, { mode: 'copy' }, 'operator'))
        .status,
    ).toBe(400);
    expect(
      (await server.api('POST', `/api/hosts/local/stacks/${prefix}ghost/adopt`, { mode: 'move' }, 'viewer'))
        .status,
    ).toBe(403);
  });
});
