import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerSummary } from '@harbourmaster/contracts';
import { startTestServer, type TestServer } from './support/test-server.js';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

const P = namePrefix('ctr');
let s: TestServer;

type List = { containers: ContainerSummary[]; hostErrors: unknown[] };

async function stateOf(name: string): Promise<string | undefined> {
  const res = await s.api<List>('GET', `/api/containers?q=${encodeURIComponent(name)}`);
  return res.body.containers.find((c) => c.name === name)?.state;
}

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await removeByPrefix(P);
  await s?.close();
});

describe('container lifecycle against the real engine', () => {
  it('creates, stops, starts, pauses, unpauses, restarts, kills and removes a container', async () => {
    const name = `${P}life`;
    const created = await s.api<{ id: string; name: string; started: boolean }>(
      'POST',
      '/api/hosts/local/containers',
      {
        name,
        image: TEST_IMAGE,
        command: ['sleep', '3600'],
        network: 'none',
        labels: { 'hm.test': 'life' },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(name);
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('running');

    const base = `/api/hosts/local/containers/${name}`;
    expect((await s.api('POST', `${base}/stop`)).status).toBe(200);
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('exited');
    expect(await stateOf(name)).toBe('exited');
    expect((await s.api('POST', `${base}/start`)).status).toBe(200);
    expect((await s.api('POST', `${base}/start`)).status).toBe(200); // already running: still fine
    expect((await s.api('POST', `${base}/pause`)).status).toBe(200);
    expect(await stateOf(name)).toBe('paused');
    expect((await s.api('POST', `${base}/unpause`)).status).toBe(200);
    expect((await s.api('POST', `${base}/restart`)).status).toBe(200);
    expect(await stateOf(name)).toBe('running');
    expect((await s.api('POST', `${base}/kill`)).status).toBe(200);
    expect(await docker('inspect', '-f', '{{.State.Status}}', name)).toBe('exited');

    const detail = await s.api<{
      imageDigests: string[];
      inspect: { Name: string; Config: { Labels: Record<string, string> } };
    }>('GET', base);
    expect(detail.body.inspect.Name).toBe(`/${name}`);
    expect(detail.body.inspect.Config.Labels['hm.test']).toBe('life');
    // The test image was pushed to the local registry, which gives it a registry digest.
    expect(detail.body.imageDigests).toEqual(
      expect.arrayContaining([expect.stringMatching(/hm-test\/busybox@sha256:[0-9a-f]{64}$/)]),
    );

    expect((await s.api('DELETE', base)).status).toBe(200);
    await expect(docker('inspect', name)).rejects.toThrow();
    expect((await s.api('GET', base)).status).toBe(404);
    const audit = await s.api<{ entries: Array<{ action: string; target: string; result: string }> }>(
      'GET',
      '/api/audit?action=container.',
    );
    const actions = audit.body.entries.filter((e) => e.target === name).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'container.stop',
        'container.start',
        'container.pause',
        'container.kill',
        'container.remove',
      ]),
    );
  });

  it('filters the list by state, name, label and compose project', async () => {
    await docker(
      'run',
      '-d',
      '--name',
      `${P}web`,
      '--network',
      'none',
      '-l',
      'com.docker.compose.project=shop',
      '-l',
      'tier=front',
      TEST_IMAGE,
      'sleep',
      '3600',
    );
    await docker(
      'create',
      '--name',
      `${P}idle`,
      '--network',
      'none',
      '-l',
      'tier=back',
      TEST_IMAGE,
      'sleep',
      '1',
    );
    const q = (query: string) =>
      s
        .api<List>('GET', `/api/containers?${query}`)
        .then((r) => r.body.containers.map((c) => c.name).filter((n) => n.startsWith(P)));
    // Made with the CLI, so the list learns of them from the event stream: a moment later.
    await eventually(async () => (await q(`q=${P}`)).length === 2);
    expect(await q(`q=${P}`)).toEqual([`${P}idle`, `${P}web`]);
    expect(await q(`q=${P}&state=running`)).toEqual([`${P}web`]);
    expect(await q(`q=${P}&state=created`)).toEqual([`${P}idle`]);
    expect(await q(`q=${P}&all=false`)).toEqual([`${P}web`]);
    expect(await q(`label=tier%3Dback`)).toEqual([`${P}idle`]);
    expect(await q(`project=shop&q=${P}`)).toEqual([`${P}web`]);
    const web = (await s.api<List>('GET', `/api/containers?q=${P}web`)).body.containers[0];
    expect(web?.composeProject).toBe('shop');
    expect(web?.hostId).toBe('local');
    const bad = await s.api<{ field: string }>('GET', '/api/containers?state=sleeping');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toContain('state');
  });

  it('runs a bulk action and reports each target on its own', async () => {
    await docker('run', '-d', '--name', `${P}b1`, '--network', 'none', TEST_IMAGE, 'sleep', '3600');
    await docker('run', '-d', '--name', `${P}b2`, '--network', 'none', TEST_IMAGE, 'sleep', '3600');
    const res = await s.api<{ results: Array<{ id: string; ok: boolean; error?: string }> }>(
      'POST',
      '/api/containers/bulk',
      {
        action: 'stop',
        targets: [
          { host: 'local', id: `${P}b1` },
          { host: 'local', id: `${P}missing` },
          { host: 'local', id: `${P}b2` },
        ],
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(res.body.results[1]?.error).toMatch(/no such container/i);
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${P}b1`)).toBe('exited');
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${P}b2`)).toBe('exited');
  });
});

describe('container create checks', () => {
  it('refuses a host port that a running container already publishes, and creates nothing', async () => {
    const net = `${P}net`;
    await docker('network', 'create', net);
    const port = 20000 + (process.pid % 20000);
    const first = await s.api('POST', '/api/hosts/local/containers', {
      name: `${P}p1`,
      image: TEST_IMAGE,
      command: ['sleep', '3600'],
      network: net,
      ports: [{ containerPort: 80, hostPort: port, hostIp: '127.0.0.1' }],
    });
    expect(first.status).toBe(201);
    const second = await s.api<{ error: string; field: string; message: string }>(
      'POST',
      '/api/hosts/local/containers',
      {
        name: `${P}p2`,
        image: TEST_IMAGE,
        command: ['sleep', '3600'],
        network: net,
        ports: [{ containerPort: 8080, hostPort: port }],
      },
    );
    const checked = await s.api<{ problems: Array<{ field: string; message: string }>; dangers: string[] }>(
      'POST',
      '/api/hosts/local/containers/check',
      {
        name: `${P}p2`,
        image: TEST_IMAGE,
        network: net,
        privileged: true,
        ports: [{ containerPort: 8080, hostPort: port }],
        mounts: [{ type: 'bind', source: '/not/here', target: '/x' }],
      },
    );
    expect(checked.body.problems.map((p) => p.field)).toEqual([
      'confirmDangerous',
      'mounts.0.source',
      'ports.0.hostPort',
    ]);
    expect(checked.body.dangers).toHaveLength(1);
    expect(second.status).toBe(409);
    expect(second.body.field).toBe('ports.0.hostPort');
    expect(second.body.message).toContain(`${P}p1`);
    await expect(docker('inspect', `${P}p2`)).rejects.toThrow();
  });

  it('refuses a bind mount whose host path is missing, naming the field', async () => {
    const res = await s.api<{ field: string }>('POST', '/api/hosts/local/containers', {
      name: `${P}bind`,
      image: TEST_IMAGE,
      network: 'none',
      mounts: [{ type: 'bind', source: '/definitely/not/here', target: '/data' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('mounts.0.source');
    await expect(docker('inspect', `${P}bind`)).rejects.toThrow();
  });

  it('mounts an existing host path, with env, healthcheck, restart policy and limits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hm-bind-'));
    const name = `${P}full`;
    const res = await s.api('POST', '/api/hosts/local/containers', {
      name,
      image: TEST_IMAGE,
      command: ['sleep', '3600'],
      network: 'none',
      env: { GREETING: 'hi' },
      mounts: [
        { type: 'bind', source: dir, target: '/data', readOnly: true },
        { type: 'volume', source: `${P}vol`, target: '/vol' },
      ],
      healthcheck: { test: ['CMD', 'true'], intervalSeconds: 1, retries: 2 },
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
      resources: { memoryBytes: 64 * 1024 * 1024, cpus: 0.5, pidsLimit: 50 },
    });
    expect(res.status).toBe(201);
    const inspect = JSON.parse(await docker('inspect', name)) as Array<{
      Config: { Env: string[]; Healthcheck: { Interval: number } };
      HostConfig: {
        RestartPolicy: { Name: string; MaximumRetryCount: number };
        Memory: number;
        NanoCpus: number;
        PidsLimit: number;
      };
      Mounts: Array<{ Type: string; Source: string; RW: boolean; Name?: string }>;
    }>;
    const c = inspect[0]!;
    expect(c.Config.Env).toContain('GREETING=hi');
    expect(c.Config.Healthcheck.Interval).toBe(1e9);
    expect(c.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(c.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(c.HostConfig.NanoCpus).toBe(5e8);
    expect(c.HostConfig.PidsLimit).toBe(50);
    expect(c.Mounts.find((m) => m.Type === 'bind')).toMatchObject({ Source: dir, RW: false });
    expect(c.Mounts.find((m) => m.Type === 'volume')?.Name).toBe(`${P}vol`);
    await eventually(
      async () => (await docker('inspect', '-f', '{{.State.Health.Status}}', name)) === 'healthy',
      15_000,
    );
  });

  it('needs confirmation for privileged mode, host network and a mounted Docker socket', async () => {
    for (const extra of [
      { privileged: true },
      { network: 'host' },
      { mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' }] },
    ]) {
      const res = await s.api<{ field: string; message: string }>('POST', '/api/hosts/local/containers', {
        name: `${P}danger`,
        image: TEST_IMAGE,
        start: false,
        ...extra,
      });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('confirmDangerous');
    }
    await expect(docker('inspect', `${P}danger`)).rejects.toThrow();
    const ok = await s.api('POST', '/api/hosts/local/containers', {
      name: `${P}danger`,
      image: TEST_IMAGE,
      start: false,
      network: 'host',
      confirmDangerous: true,
    });
    expect(ok.status).toBe(201);
  });

  it('names the field for a missing image and for a taken name', async () => {
    const img = await s.api<{ field: string }>('POST', '/api/hosts/local/containers', {
      image: 'local/nothing:404',
      network: 'none',
    });
    expect(img.status).toBe(400);
    expect(img.body.field).toBe('image');
    await docker('create', '--name', `${P}taken`, TEST_IMAGE);
    const taken = await s.api<{ field: string }>('POST', '/api/hosts/local/containers', {
      name: `${P}taken`,
      image: TEST_IMAGE,
      network: 'none',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.field).toBe('name');
    const schema = await s.api<{ field: string }>('POST', '/api/hosts/local/containers', {
      image: TEST_IMAGE,
      ports: [{ containerPort: 70000 }],
    });
    expect(schema.status).toBe(400);
    expect(schema.body.field).toBe('body.ports.0.containerPort');
  });

  it('keeps tags by name across a recreate', async () => {
    const name = `${P}tagged`;
    await docker('create', '--name', name, TEST_IMAGE);
    const put = await s.api<{ tags: string[] }>('PUT', `/api/hosts/local/containers/${name}/tags`, {
      tags: ['prod', 'db', 'prod'],
    });
    expect(put.body.tags).toEqual(['db', 'prod']);
    await docker('rm', name);
    const recreated = await docker('create', '--name', name, TEST_IMAGE);
    const listed = await eventually(async () =>
      (await s.api<List>('GET', `/api/containers?tag=prod`)).body.containers.find((c) => c.id === recreated),
    );
    expect(listed.tags).toEqual(['db', 'prod']);
  });
});

describe('container icons', () => {
  it('keeps a URL or an uploaded icon by name, serves uploads, and refuses other input', async () => {
    const name = `${P}iconic`;
    await docker('create', '--name', name, TEST_IMAGE);
    const url = 'https://icons.example/app.png';
    const put = (icon: string | null) =>
      s.api<{ icon: string | null; field?: string }>('PUT', `/api/hosts/local/containers/${name}/icon`, {
        icon,
      });
    await eventually(
      async () => (await s.api<List>('GET', `/api/containers?q=${name}`)).body.containers.length,
    );
    expect((await put(url)).body.icon).toBe(url);
    const listed = async () =>
      (await s.api<List>('GET', `/api/containers?q=${name}`)).body.containers.find((c) => c.name === name)
        ?.icon;
    expect(await listed()).toBe(url);

    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
      'hex',
    );
    const uploaded = await put(`data:image/png;base64,${png.toString('base64')}`);
    expect(uploaded.body.icon).toMatch(new RegExp(`^/api/hosts/local/icons/${name}\\?v=\\d+$`));
    const img = await fetch(s.url + uploaded.body.icon!, {
      headers: { authorization: `Bearer ${s.tokens.viewer}` },
    });
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(png)).toBe(true);

    await docker('rm', name);
    const recreated = await docker('create', '--name', name, TEST_IMAGE);
    // The recreated container reaches the list through the event stream, a moment later.
    const row = await eventually(async () =>
      (await s.api<List>('GET', `/api/containers?q=${name}`)).body.containers.find((c) => c.id === recreated),
    );
    expect(row.icon).toBe(uploaded.body.icon);

    const bad = await put('javascript:alert(1)');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('body.icon');
    expect((await put(null)).body.icon).toBeNull();
    expect(await listed()).toBeNull();
    expect(
      (await fetch(s.url + uploaded.body.icon!, { headers: { authorization: `Bearer ${s.tokens.viewer}` } }))
        .status,
    ).toBe(404);
  });
});
