import { afterAll, describe, expect, it } from 'vitest';
import type { AlertHistoryItem } from '@harbourmaster/contracts';
import { eventually } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// A host whose engine does not answer raises one alert, however often the daemon retries.
let server: TestServer | undefined;

afterAll(async () => {
  await server?.close();
});

describe('host alerts', () => {
  it('raises one alert for an unreachable host, not one per reconnect attempt', async () => {
    server = await startTestServer({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    const alerts = async () =>
      (await server!.api<{ alerts: AlertHistoryItem[] }>('GET', '/api/alerts?source=host')).body.alerts;
    const [alert] = await eventually(async () => ((await alerts()).length > 0 ? alerts() : null));
    expect(alert).toMatchObject({
      kind: 'host.unreachable',
      severity: 'critical',
      status: 'firing',
      hostId: 'local',
      title: 'host local is unreachable',
    });
    await new Promise((r) => setTimeout(r, 3_000));
    const after = await alerts();
    expect(after).toHaveLength(1);
    expect(after[0]?.repeats).toBe(0);
  });
});
