import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job, StackListReply, StackReply } from '@harbourmaster/contracts';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Stacks end to end with the real Compose CLI (docker-compose v1 here) on the private engine.
const prefix = namePrefix('stacks').replace(/[^a-z0-9_-]/g, '');
const name = `${prefix}web`;
let server: TestServer & { dataDir: string };

const compose = (cmd: string) => `# two services, kept as typed
services:
  app:
    image: ${TEST_IMAGE}
    command: ${cmd}
    network_mode: host
  worker:
    image: ${TEST_IMAGE}
    command: sleep 600
    network_mode: host
`;

async function runAction(stack: string, action: string): Promise<Job> {
  const res = await server.api<{ jobId: string }>(
    'POST',
    `/api/hosts/local/stacks/${stack}/${action}`,
    undefined,
    'operator',
  );
  expect(res.status).toBe(202);
  return eventually(async () => {
    const job = (await server.api<Job>('GET', `/api/jobs/${res.body.jobId}`)).body;
    return ['succeeded', 'failed', 'cancelled'].includes(job.state) ? job : null;
  }, 60_000);
}

const stackOf = async (stack: string) =>
  (await server.api<StackListReply>('GET', '/api/hosts/local/stacks', undefined, 'viewer')).body.stacks.find(
    (s) => s.name === stack,
  );

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
  await removeByPrefix(prefix);
});

describe('stacks', () => {
  it('creates, deploys, edits, stops and takes down a stack of two services', async () => {
    const created = await server.api<StackReply>(
      'POST',
      '/api/hosts/local/stacks',
      {
        name,
        compose: compose('sleep 600'),
        env: 'GREETING=hello\n',
      },
      'operator',
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name,
      status: 'not deployed',
      managed: true,
      files: { composeFile: 'compose.yaml' },
    });
    const folder = join(server.dataDir, 'stacks', name);
    expect(readFileSync(join(folder, 'compose.yaml'), 'utf8')).toBe(compose('sleep 600'));
    expect(readFileSync(join(folder, '.env'), 'utf8')).toBe('GREETING=hello\n');

    const deployed = await runAction(name, 'deploy');
    expect(deployed.state).toBe('succeeded');
    const running = await eventually(async () => {
      const s = await stackOf(name);
      return s?.status === 'running' ? s : null;
    });
    expect(running.services.map((s) => s.name)).toEqual(['app', 'worker']);

    const edited = await server.api<StackReply>(
      'PUT',
      `/api/hosts/local/stacks/${name}`,
      {
        name,
        compose: compose('sleep 700'),
      },
      'operator',
    );
    expect(edited.status).toBe(200);
    expect((await runAction(name, 'deploy')).state).toBe('succeeded');
    const app = (await stackOf(name))!.services.find((s) => s.name === 'app')!.containers[0]!;
    expect(await docker('inspect', '-f', '{{join .Config.Cmd " "}}', app.id)).toBe('sleep 700');

    expect((await runAction(name, 'stop')).state).toBe('succeeded');
    await eventually(async () => (await stackOf(name))?.status === 'stopped');
    expect((await runAction(name, 'down')).state).toBe('succeeded');
    await eventually(async () => (await stackOf(name))?.status === 'not deployed');
  });

  it('refuses a compose file that does not validate, naming the line, and leaves the file as it was', async () => {
    const before = readFileSync(join(server.dataDir, 'stacks', name, 'compose.yaml'), 'utf8');
    const bad = await server.api<{ message: string; field: string }>(
      'PUT',
      `/api/hosts/local/stacks/${name}`,
      {
        name,
        compose: 'services:\n  app:\n    image: busybox\n   command: [oops\n',
      },
      'operator',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('compose');
    expect(bad.body.message).toMatch(/line \d+/);
    expect(readFileSync(join(server.dataDir, 'stacks', name, 'compose.yaml'), 'utf8')).toBe(before);
  });

  it('runs two deploys of one stack one after the other', async () => {
    // Heard live (progress reaches the database only every half second): one says it waits.
    const ws = await server.ws('/api/ws', 'viewer');
    let sawWaiting = false;
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as { topic?: string; data?: Job };
      if (msg.topic === 'jobs' && (msg.data?.progress as { waiting?: boolean } | null)?.waiting)
        sawWaiting = true;
    });
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['jobs'] }));
    await new Promise((r) => setTimeout(r, 200));
    const [a, b] = await Promise.all([
      server.api<{ jobId: string }>('POST', `/api/hosts/local/stacks/${name}/deploy`, undefined, 'operator'),
      server.api<{ jobId: string }>('POST', `/api/hosts/local/stacks/${name}/deploy`, undefined, 'operator'),
    ]);
    const done = await Promise.all(
      [a, b].map((r) =>
        eventually(async () => {
          const job = (await server.api<Job>('GET', `/api/jobs/${r.body.jobId}`)).body;
          return job.state === 'succeeded' || job.state === 'failed' ? job : null;
        }, 60_000),
      ),
    );
    ws.close();
    expect(sawWaiting).toBe(true);
    expect(done.map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
    // The second started after the first finished.
    const [first, second] = done.sort((x, y) => x.finishedAt! - y.finishedAt!);
    expect(second!.finishedAt! - first!.finishedAt!).toBeGreaterThan(0);
    expect((await runAction(name, 'down')).state).toBe('succeeded');
  });

  it('refuses every traversal form for read, write, deploy, stop, logs, adopt and delete, touching nothing outside', async () => {
    const outside = join(server.dataDir, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'compose.yaml'), 'services: {}\n');
    symlinkSync(outside, join(server.dataDir, 'stacks', 'linked'));
    const forms = [
      '..',
      '..%2f..%2fetc',
      '%2e%2e',
      'linked',
      'UPPER',
      'a.b',
      '\uff41',
      '\u2024\u2024',
      'x%00',
    ];
    for (const form of forms) {
      const path = `/api/hosts/local/stacks/${form}`;
      const results = [
        (await server.api('GET', path)).status,
        (await server.api('PUT', path, { name: form, compose: 'services: {}\n' })).status,
        (await server.api('POST', `${path}/deploy`)).status,
        (await server.api('POST', `${path}/stop`)).status,
        (await server.api('GET', `${path}/logs?follow=false`)).status,
        (await server.api('POST', `${path}/adopt`, { mode: 'in-place' })).status,
        (await server.api('DELETE', path)).status,
      ];
      // 400 for a bad name or a linked folder; 404 where the router found no such route.
      for (const status of results)
        expect([form, [400, 404]]).toEqual([form, expect.arrayContaining([status])]);
    }
    expect(existsSync(join(outside, 'compose.yaml'))).toBe(true);
    const list = await server.api<StackListReply>('GET', '/api/hosts/local/stacks');
    expect(list.body.stacks.map((s) => s.name)).not.toContain('linked');
    expect(list.body.compose).toMatchObject({ kind: 'standalone', reason: null });
  });

  it('lists a project started by hand as not managed, and lets viewers read but not change', async () => {
    const dir = join(server.dataDir, 'by-hand');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'docker-compose.yml'),
      `services:\n  one:\n    image: ${TEST_IMAGE}\n    command: sleep 600\n    network_mode: host\n`,
    );
    const project = `${prefix}byhand`;
    const { execFileSync } = await import('node:child_process');
    execFileSync('docker-compose', ['-p', project, 'up', '-d'], {
      cwd: dir,
      env: { ...process.env, DOCKER_HOST: process.env.HM_TEST_DOCKER_HOST },
      stdio: 'ignore',
    });
    const found = await eventually(async () => stackOf(project));
    expect(found).toMatchObject({ managed: false, status: 'running', workingDir: dir });
    expect(
      (
        await server.api(
          'POST',
          '/api/hosts/local/stacks',
          { name: `${prefix}x`, compose: 'services: {}\n' },
          'viewer',
        )
      ).status,
    ).toBe(403);
    expect((await server.api('GET', `/api/hosts/local/stacks/${name}`, undefined, 'viewer')).status).toBe(
      200,
    );
    execFileSync('docker-compose', ['-p', project, 'down'], {
      cwd: dir,
      env: { ...process.env, DOCKER_HOST: process.env.HM_TEST_DOCKER_HOST },
      stdio: 'ignore',
    });
  });

  it('deletes a stack: down first, then its folder', async () => {
    expect((await runAction(name, 'deploy')).state).toBe('succeeded');
    const del = await server.api('DELETE', `/api/hosts/local/stacks/${name}`, undefined, 'operator');
    expect(del.status).toBe(200);
    expect(existsSync(join(server.dataDir, 'stacks', name))).toBe(false);
    expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${name}`)).toBe('');
  });
});
