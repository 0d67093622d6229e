import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertHistoryItem, AuditEntry } from '@harbourmaster/contracts';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Self-healing by label on the private engine: restarts with a growing wait, then giving up with
// an alert; a stop someone asks for is never undone.
const P = namePrefix('heal');
let server: TestServer;

const startedAt = (name: string) => docker('inspect', '-f', '{{.State.StartedAt}}', name);
const running = async (name: string) =>
  (await docker('inspect', '-f', '{{.State.Running}}', name)) === 'true';

async function alerts(): Promise<AlertHistoryItem[]> {
  return (await server.api<{ alerts: AlertHistoryItem[] }>('GET', '/api/alerts?limit=500')).body.alerts;
}

async function healRestarts(name: string): Promise<AuditEntry[]> {
  const { body } = await server.api<{ entries: AuditEntry[] }>('GET', '/api/audit?action=container.autoheal');
  return body.entries.filter((e) => e.target === name);
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
  await removeByPrefix(P);
});

describe('self-healing', () => {
  it('restarts a crashing container the number of times its label allows, then gives up and alerts', async () => {
    const name = `${P}crashy`;
    await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'none',
      '--label',
      'harbourmaster.autoheal=crash',
      '--label',
      'harbourmaster.autoheal.retries=2',
      TEST_IMAGE,
      'sh',
      '-c',
      'sleep 0.5; exit 1',
    );
    const gaveUp = await eventually(
      async () =>
        (await alerts()).find((a) => a.container?.name === name && a.kind === 'container.heal-failed'),
      30_000,
    );
    expect(gaveUp).toMatchObject({ severity: 'critical', status: 'firing' });
    const restarts = await healRestarts(name);
    expect(restarts).toHaveLength(2);
    expect(restarts.every((e) => e.result === 'ok' && e.actor === 'self-heal')).toBe(true);
    // It stays down after giving up.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await running(name)).toBe(false);
    expect(await healRestarts(name)).toHaveLength(2);
  });

  it('restarts an unhealthy container, and never undoes a stop someone asked for', async () => {
    const name = `${P}sick`;
    await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'none',
      '--stop-timeout',
      '1',
      '--label',
      'harbourmaster.autoheal=unhealthy',
      '--label',
      'harbourmaster.autoheal.retries=5',
      '--health-cmd',
      'test -f /tmp/ok',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
      TEST_IMAGE,
      'sleep',
      '600',
    );
    const first = await startedAt(name);
    await eventually(
      async () => (await startedAt(name)) !== first && (await healRestarts(name)).length >= 1,
      30_000,
    );

    const stop = await server.api('POST', `/api/hosts/local/containers/${name}/stop`, undefined, 'operator');
    expect(stop.status).toBeLessThan(300);
    const count = (await healRestarts(name)).length;
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await running(name)).toBe(false);
    expect((await healRestarts(name)).length).toBe(count);
  });

  it('leaves a container without the label alone', async () => {
    const name = `${P}plain`;
    await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'none',
      TEST_IMAGE,
      'sh',
      '-c',
      'sleep 0.3; exit 1',
    );
    await eventually(async () => (await alerts()).some((a) => a.container?.name === name), 15_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await running(name)).toBe(false);
    expect(await healRestarts(name)).toEqual([]);
  });
});
