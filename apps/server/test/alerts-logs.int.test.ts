import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertHistoryItem } from '@harbourmaster/contracts';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Log-pattern rules over the live logs of containers on the private engine.
const P = namePrefix('logrule');
let server: TestServer;

const alertsFor = async (name: string) =>
  (await server.api<{ alerts: AlertHistoryItem[] }>('GET', '/api/alerts?source=log')).body.alerts.filter(
    (a) => a.container?.name === name,
  );

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
  await removeByPrefix(P);
});

describe('log-pattern rules', () => {
  it('alerts with a sample of the matching lines, only for the containers the rule names', async () => {
    const watched = `${P}watched`;
    const other = `${P}other`;
    const rule = await server.api('POST', '/api/notifications/log-rules', {
      name: 'payment failures',
      pattern: 'ERROR .* payment \\d+ failed',
      match: { containers: [watched] },
      severity: 'critical',
    });
    expect(rule.status).toBe(201);
    const script =
      'sleep 2; i=0; while true; do i=$((i+1)); echo "INFO tick $i"; echo "ERROR charging payment $i failed"; sleep 0.5; done';
    for (const name of [watched, other])
      await docker('run', '-d', '--name', name, '--network', 'none', TEST_IMAGE, 'sh', '-c', script);
    const [alert] = await eventually(async () => {
      const got = await alertsFor(watched);
      return got.length > 0 ? got : null;
    }, 20_000);
    expect(alert).toMatchObject({
      kind: 'log.match',
      severity: 'critical',
      title: `${watched}: payment failures`,
    });
    expect(alert?.detail.logTail?.length).toBeGreaterThan(0);
    expect(alert?.detail.logTail?.every((l) => /^ERROR charging payment \d+ failed$/.test(l))).toBe(true);
    expect(await alertsFor(other)).toEqual([]);
  });

  it('refuses a pattern that could hang the daemon, naming the field', async () => {
    const bad = await server.api<{ field: string; message: string }>('POST', '/api/notifications/log-rules', {
      name: 'evil',
      pattern: '(a+)+$',
      match: { containers: ['x'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('pattern');
    expect(bad.body.message).toMatch(/exponential/);
    const unscoped = await server.api('POST', '/api/notifications/log-rules', { name: 'all', pattern: 'x' });
    expect(unscoped.status).toBe(400);
  });
});
