import { afterAll, describe, expect, it } from 'vitest';
import { request, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry, ContainerSummary } from '@harbourmaster/contracts';
import { testDockerHost } from './support/test-server.js';
import { docker, eventually, namePrefix, removeByPrefix, TEST_IMAGE } from './support/docker-fixtures.js';
import { firstAdminToken, startDaemon, type DaemonProcess } from './support/daemon-process.js';

const P = namePrefix('intent');
const PORT = 23000 + (process.pid % 1000);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-intent-'));
const running: DaemonProcess[] = [];

/**
 * Follows the engine's own event stream and calls `onCreate` the moment it reports the container
 * created; resolves once the engine has accepted the subscription, so nothing is missed.
 */
function onEngineCreate(name: string, onCreate: () => void): Promise<() => void> {
  const filters = JSON.stringify({ type: ['container'], event: ['create'], container: [name] });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: testDockerHost().replace(/^unix:\/\//, ''),
        path: `/v1.41/events?filters=${encodeURIComponent(filters)}`,
      },
      (res: IncomingMessage) => {
        res.on('data', () => onCreate());
        resolve(() => req.destroy());
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function api<T>(d: DaemonProcess, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(d.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

afterAll(async () => {
  for (const d of running)
    if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill('SIGKILL');
  await removeByPrefix(P);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a daemon killed in the middle of a container create', () => {
  it('finds the container at the next start, applies its tags and marks the entry interrupted', async () => {
    const name = `${P}crash`;
    const env = { HM_DATA_DIR: dataDir, DOCKER_HOST: testDockerHost() };
    const first = await startDaemon(env, PORT);
    running.push(first);
    const token = await firstAdminToken(first);

    const stopFollowing = await onEngineCreate(name, () => first.child.kill('SIGKILL'));
    const create = api(first, token, 'POST', '/api/hosts/local/containers', {
      name,
      image: TEST_IMAGE,
      command: ['sleep', '3600'],
      network: 'none',
      tags: ['alpha', 'beta'],
    }).catch((err: unknown) => err);
    expect(await first.exited).toBe('SIGKILL');
    stopFollowing();
    // The request never got its answer, yet the engine made the container.
    expect(await create).toBeInstanceOf(Error);
    const id = await docker('inspect', '-f', '{{.Id}}', name);

    const second = await startDaemon(env, PORT);
    running.push(second);
    const entry = await eventually(async () => {
      const { body } = await api<{ entries: AuditEntry[] }>(
        second,
        token,
        'GET',
        '/api/audit?action=container.create',
      );
      const e = body.entries.find((x) => x.target === name);
      const outcome = (e?.detail?.reconcile as { outcome?: string } | undefined)?.outcome;
      return outcome && outcome !== 'checking' ? e : undefined;
    });
    expect(entry.result).toBe('interrupted');
    expect(entry.actor).toBe('token:daemon-test');
    expect(entry.detail?.reconcile).toMatchObject({
      outcome: 'completed',
      containerId: id,
      name,
      tags: ['alpha', 'beta'],
    });

    const list = await api<{ containers: ContainerSummary[] }>(
      second,
      token,
      'GET',
      `/api/containers?q=${name}`,
    );
    expect(list.body.containers.find((c) => c.name === name)?.tags).toEqual(['alpha', 'beta']);

    // The intent reached the audit file before the engine was asked; the reconcile added its outcome.
    const lines = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; result: string })
      .filter((l) => l.id === entry.id);
    expect(lines.map((l) => l.result)).toEqual(['pending', 'interrupted', 'interrupted']);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
