import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry, ContainerSummary } from '@harbourmaster/contracts';
import { testDockerHost } from './support/test-server.js';
import { docker, eventually, namePrefix, removeByPrefix, TEST_IMAGE } from './support/docker-fixtures.js';
import {
  daemonApi as api,
  firstAdminToken,
  startDaemon,
  type DaemonProcess,
} from './support/daemon-process.js';
import { onEngineEvent } from './support/engine-events.js';

const P = namePrefix('intent');
const PORT = 23000 + (process.pid % 1000);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-intent-'));
const running: DaemonProcess[] = [];

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

    const stopFollowing = await onEngineEvent(
      { type: ['container'], event: ['create'], container: [name] },
      () => first.child.kill('SIGKILL'),
    );
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
