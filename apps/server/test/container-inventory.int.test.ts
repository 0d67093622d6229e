import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '@harbourmaster/contracts';
import { HttpDockerEngine } from '@harbourmaster/engine';
import { startTestServer, testDockerHost, type TestServer } from './support/test-server.js';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { EngineRelay } from './support/engine-relay.js';
import { toContainerSummary } from '../src/features/containers/container-mapper.js';

const P = namePrefix('inv');
const relay = new EngineRelay();
const engine = HttpDockerEngine.fromUrl(testDockerHost());
let s: TestServer;

type List = { containers: ContainerSummary[]; hostErrors: unknown[] };

const ours = async () =>
  (await s.api<List>('GET', `/api/containers?q=${P}`)).body.containers.filter((c) => c.name.startsWith(P));

/** The engine's own list, mapped the way the daemon maps it, keyed by id. */
async function theEngines(): Promise<Map<string, ContainerSummary>> {
  const raw = await engine.listContainers({ all: true });
  return new Map(
    raw
      .map((c) => toContainerSummary('local', c, [], null))
      .filter((c) => c.name.startsWith(P))
      .map((c) => [c.id, c]),
  );
}

/** A status as the engine wrote it one second earlier ("Up 3 seconds" → "Up 2 seconds"). */
function secondEarlier(status: string): string {
  return status
    .replace(/\b1 second\b/, 'Less than a second')
    .replace(/\b(\d+) seconds\b/, (_, n: string) =>
      Number(n) === 2 ? '1 second' : `${Number(n) - 1} seconds`,
    );
}

/**
 * Whether our list equals the engine's. The status text ("Up 3 seconds") is rendered from times,
 * and a list reply may be up to a second old (it is shared between requests), so it must be the
 * engine's text just before or just after our read, or the one before that by a second.
 */
async function sameAsEngine(): Promise<string | true> {
  const before = await theEngines();
  const list = await ours();
  const after = await theEngines();
  if (list.length !== after.size || before.size !== after.size)
    return `${list.length} rows, engine ${after.size}`;
  for (const row of list) {
    const a = before.get(row.id);
    const b = after.get(row.id);
    if (!a || !b) return `${row.name} is not in the engine's list`;
    if (![a.status, b.status, secondEarlier(a.status)].includes(row.status))
      return `${row.name}: "${row.status}" vs "${a.status}"`;
    const { status: _s, ...rest } = row;
    const { status: _b, ...expected } = b;
    if (JSON.stringify(rest) !== JSON.stringify(expected)) return `${row.name} differs`;
  }
  return true;
}

beforeAll(async () => {
  await relay.start();
  s = await startTestServer({ DOCKER_HOST: relay.url });
});
afterAll(async () => {
  await removeByPrefix(P);
  await s?.close();
  await relay.stop();
  await engine.close();
});

describe('the container list served from memory', () => {
  it('matches the engine after a burst of changes made outside the daemon', async () => {
    const run = (name: string, ...args: string[]) =>
      docker('run', '-d', '--name', `${P}${name}`, '--network', 'none', ...args);
    await Promise.all([
      run('web-1', TEST_IMAGE, 'sleep', '3600'),
      run('web-2', '-l', 'tier=front', TEST_IMAGE, 'sleep', '3600'),
      run('web-10', TEST_IMAGE, 'sleep', '3600'),
      run('failing', TEST_IMAGE, 'sh', '-c', 'exit 3'),
      run('doomed', TEST_IMAGE, 'sleep', '3600'),
      run('checked', '--health-cmd', 'true', '--health-interval', '1s', TEST_IMAGE, 'sleep', '3600'),
      docker('create', '--name', `${P}idle`, '--network', 'none', TEST_IMAGE, 'true'),
    ]);
    await Promise.all([
      docker('pause', `${P}web-1`),
      docker('stop', '-t', '0', `${P}web-2`),
      docker('rename', `${P}web-10`, `${P}renamed`),
      docker('rm', '-f', `${P}doomed`),
    ]);
    await docker('unpause', `${P}web-1`);
    await docker('kill', `${P}web-1`);
    await docker('start', `${P}web-2`);
    await eventually(
      async () => (await ours()).find((c) => c.name === `${P}checked`)?.health === 'healthy',
      20_000,
    );
    const verdict = await eventually(
      async () => ((await sameAsEngine()) === true ? true : null),
      10_000,
    ).catch(async () => sameAsEngine());
    expect(verdict).toBe(true);
    const names = (await ours()).map((c) => c.name.slice(P.length));
    expect(names).toEqual(['checked', 'failing', 'idle', 'renamed', 'web-1', 'web-2']);
    expect((await ours()).find((c) => c.name === `${P}failing`)?.status).toMatch(/^Exited \(3\) /);
  });

  it('asks the engine nothing to serve a list', async () => {
    await ours();
    const before = relay.requests.length;
    for (let i = 0; i < 50; i++)
      await s.api('GET', i % 2 ? '/api/containers' : `/api/containers?q=${P}&all=false`);
    expect(relay.requests.slice(before)).toEqual([]);
  });

  it('shows a container created through the API in the very next list', async () => {
    const name = `${P}made`;
    const made = await s.api('POST', '/api/hosts/local/containers', {
      name,
      image: TEST_IMAGE,
      command: ['sleep', '3600'],
      network: 'none',
    });
    expect(made.status).toBe(201);
    expect((await ours()).find((c) => c.name === name)?.state).toBe('running');
    await docker('rm', '-f', name);
  });

  it('shows a change made through the API in the very next list', async () => {
    const name = `${P}web-2`;
    expect((await s.api('POST', `/api/hosts/local/containers/${name}/stop`)).status).toBe(200);
    expect((await ours()).find((c) => c.name === name)?.state).toBe('exited');
    expect((await s.api('POST', `/api/hosts/local/containers/${name}/start`)).status).toBe(200);
    expect((await ours()).find((c) => c.name === name)?.state).toBe('running');
    expect((await s.api('DELETE', `/api/hosts/local/containers/${name}?force=true`)).status).toBe(200);
    expect((await ours()).find((c) => c.name === name)).toBeUndefined();
  });

  it('sorts names naturally', async () => {
    await Promise.all(
      ['worker-10', 'worker-2', 'Worker-1'].map((n) =>
        docker('create', '--name', `${P}${n}`, '--network', 'none', TEST_IMAGE, 'true'),
      ),
    );
    await eventually(async () => (await ours()).filter((c) => c.name.includes('orker-')).length === 3);
    const order = (await ours()).map((c) => c.name.slice(P.length)).filter((n) => n.includes('orker-'));
    expect(order).toEqual(['Worker-1', 'worker-2', 'worker-10']);
  });
});
