import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Job, PullProgressState } from '@harbourmaster/contracts';
import { startTestServer, type TestServer } from './support/test-server.js';
import { TEST_IMAGE, docker, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

const P = namePrefix('res');
const run = promisify(execFile);
const REGISTRY = process.env.HM_TEST_REGISTRY ?? '127.0.0.1:5000';
const REMOTE = `${REGISTRY}/hm-test/busybox:2`;
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
  // Remove the local copy too, so the pull has layers to download.
  await docker('rmi', '-f', REMOTE, 'local/busybox:2').catch(() => '');
});
afterAll(async () => {
  await removeByPrefix(P);
  await docker('rmi', '-f', REMOTE).catch(() => '');
  await s?.close();
});

describe('images', () => {
  it('pulls from the registry as a job with per-layer progress pushed live', async () => {
    const ws = await s.ws('/api/ws', 'viewer');
    const updates: Job[] = [];
    ws.on('message', (d) => {
      const msg = JSON.parse((d as Buffer).toString()) as { type: string; topic?: string; data?: Job };
      if (msg.type === 'event' && msg.topic === 'jobs' && msg.data) updates.push(msg.data);
    });
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['jobs'] }));
    await new Promise((r) => ws.once('message', r));

    const res = await s.api<{ jobId: string }>(
      'POST',
      '/api/hosts/local/images/pull',
      { image: REMOTE },
      'operator',
    );
    expect(res.status).toBe(202);
    const job = await s.runtime.deps.jobs.wait(res.body.jobId);
    expect(job.state).toBe('succeeded');
    const progress = job.progress as PullProgressState;
    const layers = Object.values(progress.layers);
    expect(layers.length).toBeGreaterThan(0);
    expect(layers.every((l) => /complete|already exists/i.test(l.status))).toBe(true);
    expect(progress.status).toMatch(/Downloaded newer image|Image is up to date/);
    await new Promise((r) => setTimeout(r, 100));
    const mine = updates.filter((u) => u.id === res.body.jobId);
    expect(mine.some((u) => u.state === 'running' && u.progress)).toBe(true);
    expect(mine.at(-1)?.state).toBe('succeeded');
    ws.close();

    const list = await s.api<{
      images: Array<{ id: string; tags: string[]; digests: string[]; inUse: boolean }>;
    }>('GET', '/api/hosts/local/images');
    const pulled = list.body.images.find((i) => i.tags.includes(REMOTE));
    expect(pulled?.digests[0]).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(pulled?.inUse).toBe(false);
    expect(list.body.images.find((i) => i.tags.includes(TEST_IMAGE))).toBeDefined();

    expect((await s.api('DELETE', `/api/hosts/local/images/${encodeURIComponent(REMOTE)}`)).status).toBe(200);
    await expect(docker('image', 'inspect', REMOTE)).rejects.toThrow();
  });

  it('ends a pull of a missing image as a failed job with the reason', async () => {
    const res = await s.api<{ jobId: string }>('POST', '/api/hosts/local/images/pull', {
      image: `${REGISTRY}/hm-test/absent:1`,
    });
    const job = await s.runtime.deps.jobs.wait(res.body.jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/not found|unknown|manifest/i);
  });
});

describe('image prune', () => {
  it('previews and removes untagged unused images, and tagged unused ones only with all=true', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hm-img-'));
    const tag = `hmt-prune-${process.pid}:1`;
    const importVersion = async (n: number) => {
      writeFileSync(join(dir, 'version'), String(n));
      await run('tar', ['-C', dir, '-cf', join(dir, '..', `hm-img-${process.pid}-${n}.tar`), 'version']);
      await docker('import', join(dir, '..', `hm-img-${process.pid}-${n}.tar`), tag);
      return docker('image', 'inspect', '-f', '{{.Id}}', tag);
    };
    const first = await importVersion(1);
    const second = await importVersion(2); // takes the tag: the first is now untagged
    type Prune = { items: Array<{ id: string }>; removed: string[] };
    const preview = await s.api<Prune>('POST', '/api/hosts/local/images/prune?dryRun=true');
    expect(preview.body.items.map((i) => i.id)).toContain(first);
    expect(preview.body.items.map((i) => i.id)).not.toContain(second);
    const all = await s.api<Prune>('POST', '/api/hosts/local/images/prune?dryRun=true&all=true');
    expect(all.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([first, second]));
    const inUse = (
      await s.api<{ images: Array<{ id: string; inUse: boolean }> }>('GET', '/api/hosts/local/images')
    ).body.images.filter((i) => i.inUse);
    for (const used of inUse) expect(all.body.items.map((i) => i.id)).not.toContain(used.id);

    const pruned = await s.api<Prune>('POST', '/api/hosts/local/images/prune');
    expect(pruned.body.removed.length).toBeGreaterThan(0);
    await expect(docker('image', 'inspect', first)).rejects.toThrow();
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', tag)).toBe(second);
    await docker('rmi', tag);
  });
});

describe('networks and volumes', () => {
  it('creates, lists, previews a prune, prunes and removes networks', async () => {
    const created = await s.api<{ id: string }>('POST', '/api/hosts/local/networks', {
      name: `${P}net`,
      subnet: '10.251.0.0/24',
    });
    expect(created.status).toBe(201);
    const used = await s.api('POST', '/api/hosts/local/networks', { name: `${P}used` });
    expect(used.status).toBe(201);
    await docker('run', '-d', '--name', `${P}user`, '--network', `${P}used`, TEST_IMAGE, 'sleep', '3600');
    const list = await s.api<{
      networks: Array<{ name: string; subnets: string[]; containers: number; builtIn: boolean }>;
    }>('GET', '/api/hosts/local/networks');
    expect(list.body.networks.find((n) => n.name === `${P}net`)).toMatchObject({
      subnets: ['10.251.0.0/24'],
      containers: 0,
      builtIn: false,
    });
    expect(list.body.networks.find((n) => n.name === `${P}used`)?.containers).toBe(1);

    const preview = await s.api<{ items: Array<{ name: string }>; removed: string[] }>(
      'POST',
      '/api/hosts/local/networks/prune?dryRun=true',
    );
    const names = preview.body.items.map((i) => i.name);
    expect(names).toContain(`${P}net`);
    expect(names).not.toContain(`${P}used`);
    expect(preview.body.removed).toEqual([]);
    expect(await docker('network', 'inspect', '-f', '{{.Name}}', `${P}net`)).toBe(`${P}net`);

    const pruned = await s.api<{ removed: string[] }>('POST', '/api/hosts/local/networks/prune');
    expect(pruned.body.removed).toContain(`${P}net`);
    await expect(docker('network', 'inspect', `${P}net`)).rejects.toThrow();
    expect((await s.api('DELETE', `/api/hosts/local/networks/${P}used`)).status).toBe(409);
    const bad = await s.api<{ field: string }>('POST', '/api/hosts/local/networks', { name: 'bad name' });
    expect(bad.body.field).toBe('body.name');
  });

  it('creates volumes and prunes only unused anonymous ones unless asked for all', async () => {
    expect((await s.api('POST', '/api/hosts/local/volumes', { name: `${P}keep` })).status).toBe(201);
    expect((await s.api('POST', '/api/hosts/local/volumes', { name: `${P}inuse` })).status).toBe(201);
    await docker('create', '--name', `${P}vuser`, '-v', `${P}inuse:/data`, TEST_IMAGE);
    const anon = await docker('volume', 'create');
    const preview = await s.api<{ items: Array<{ name: string }> }>(
      'POST',
      '/api/hosts/local/volumes/prune?dryRun=true',
    );
    const names = preview.body.items.map((i) => i.name);
    expect(names).toContain(anon);
    expect(names).not.toContain(`${P}keep`);
    const all = await s.api<{ items: Array<{ name: string }> }>(
      'POST',
      '/api/hosts/local/volumes/prune?dryRun=true&all=true',
    );
    expect(all.body.items.map((i) => i.name)).toEqual(expect.arrayContaining([anon, `${P}keep`]));
    expect(all.body.items.map((i) => i.name)).not.toContain(`${P}inuse`);

    const pruned = await s.api<{ removed: string[] }>('POST', '/api/hosts/local/volumes/prune');
    expect(pruned.body.removed).toContain(anon);
    await expect(docker('volume', 'inspect', anon)).rejects.toThrow();
    expect(await docker('volume', 'inspect', '-f', '{{.Name}}', `${P}keep`)).toBe(`${P}keep`);
    const list = await s.api<{ volumes: Array<{ name: string; inUse: boolean }> }>(
      'GET',
      '/api/hosts/local/volumes',
    );
    expect(list.body.volumes.find((v) => v.name === `${P}inuse`)?.inUse).toBe(true);
    expect((await s.api('DELETE', `/api/hosts/local/volumes/${P}keep`)).status).toBe(200);
  });
});
