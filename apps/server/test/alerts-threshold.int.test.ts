import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertHistoryItem } from '@harbourmaster/contracts';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// A threshold rule over the real metrics of a container on the private engine.
const P = namePrefix('thresh');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
  await removeByPrefix(P);
});

describe('threshold rules', () => {
  it('fires when CPU stays above the limit for the duration, and resolves when it falls', async () => {
    const name = `${P}busy`;
    const created = await server.api('POST', '/api/notifications/thresholds', {
      name: 'busy container',
      metric: 'container.cpu',
      above: 0.3,
      forSeconds: 2,
      match: { containers: [name] },
      severity: 'critical',
    });
    expect(created.status).toBe(201);
    // Busy for 8 s, then idle.
    const script = 'end=$(($(date +%s)+8)); while [ $(date +%s) -lt $end ]; do :; done; sleep 600';
    await docker('run', '-d', '--name', name, '--network', 'none', TEST_IMAGE, 'sh', '-c', script);
    const alerts = async () =>
      (
        await server.api<{ alerts: AlertHistoryItem[] }>('GET', '/api/alerts?source=metric')
      ).body.alerts.filter((a) => a.container?.name === name);
    const fired = await eventually(async () => (await alerts()).find((a) => a.status === 'firing'), 20_000);
    expect(fired).toMatchObject({ severity: 'critical', kind: 'metric.container.cpu' });
    expect(fired.title).toMatch(new RegExp(`^${name}: CPU above 0.3 cores for \\d+ s$`));
    const resolved = await eventually(
      async () => (await alerts()).find((a) => a.status === 'resolved'),
      30_000,
    );
    expect(resolved.title).toBe(`${name}: CPU back under 0.3 cores`);
    expect(resolved.key).toBe(fired.key);
  });

  it('refuses a rule it cannot evaluate, naming the field', async () => {
    const bad = await server.api<{ field: string }>('POST', '/api/notifications/thresholds', {
      name: 'x',
      metric: 'container.temperature',
      above: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('body.metric');
    expect(
      (
        await server.api(
          'POST',
          '/api/notifications/thresholds',
          { name: 'x', metric: 'host.cpuPercent', above: 1 },
          'operator',
        )
      ).status,
    ).toBe(403);
  });
});
