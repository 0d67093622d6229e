import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert, AlertHistoryItem, Channel } from '@harbourmaster/contracts';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { startReceiver, type HttpReceiver } from './support/http-receiver.js';

// Alerts end to end: real crashes on the private engine, routed by a rule to a webhook channel whose
// receiver runs on loopback.
const P = namePrefix('alerts');
let server: TestServer & { dataDir: string };
let receiver: HttpReceiver;
let channel: Channel;

/** The alerts the receiver got for one container. */
const alertsFor = (name: string) =>
  receiver.received.map((r) => JSON.parse(r.body) as Alert).filter((a) => a.container?.name === name);

async function history(): Promise<AlertHistoryItem[]> {
  return (
    await server.api<{ alerts: AlertHistoryItem[] }>('GET', '/api/alerts?limit=500', undefined, 'viewer')
  ).body.alerts;
}

beforeAll(async () => {
  server = await startTestServer({ HM_PUBLIC_URL: 'https://harbour.example.net/' });
  receiver = await startReceiver();
  const created = await server.api<Channel>('POST', '/api/notifications/channels', {
    name: 'ops webhook',
    type: 'webhook',
    config: {
      url: `${receiver.url}/hook?token=sekrit-url-token`,
      headers: { Authorization: 'Bearer sekrit-header' },
    },
  });
  expect(created.status).toBe(201);
  channel = created.body;
  const rule = await server.api('POST', '/api/notifications/rules', {
    name: 'containers',
    channelIds: [channel.id],
    match: { sources: ['container'] },
  });
  expect(rule.status).toBe(201);
});

afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await removeByPrefix(P);
});

describe('container alerts from the event stream', () => {
  it('sends a crash with its exit code and last lines within a second or so', async () => {
    const name = `${P}crash`;
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
      'echo about to fail; sleep 0.5; exit 3',
    );
    const [alert] = await eventually(() => {
      const got = alertsFor(name);
      return got.length > 0 ? got : null;
    }, 15_000);
    expect(alert).toMatchObject({
      source: 'container',
      kind: 'container.died',
      severity: 'critical',
      status: 'firing',
      hostId: 'local',
      detail: { exitCode: 3 },
    });
    expect(alert?.detail.logTail).toContain('about to fail');
    const id = await docker('inspect', '-f', '{{.Id}}', name);
    expect(alert?.url).toBe(`https://harbour.example.net/containers/local/${id}`);
    const req = receiver.received.find((r) => r.body.includes(name))!;
    expect(req.path).toBe('/hook?token=sekrit-url-token');
    expect(req.headers.authorization).toBe('Bearer sekrit-header');
    const died = Number(new Date(await docker('inspect', '-f', '{{.State.FinishedAt}}', name)));
    expect(req.at - died).toBeLessThan(3_000);
  });

  it('sends nothing for a stop asked for through the API or the CLI, but a docker kill is a crash', async () => {
    const [api, cli, killed] = ['api', 'cli', 'killed'].map((s) => `${P}${s}`) as [string, string, string];
    for (const name of [api, cli, killed])
      await docker(
        'run',
        '-d',
        '--name',
        name,
        '--network',
        'none',
        '--stop-timeout',
        '1',
        TEST_IMAGE,
        'sleep',
        '600',
      );
    const stop = await server.api('POST', `/api/hosts/local/containers/${api}/stop`, undefined, 'operator');
    expect(stop.status).toBeLessThan(300);
    await docker('stop', '-t', '1', cli);
    await docker('kill', killed);
    await eventually(() => alertsFor(killed).length > 0, 15_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(alertsFor(api)).toEqual([]);
    expect(alertsFor(cli)).toEqual([]);
    expect(alertsFor(killed)[0]?.detail.exitCode).toBe(137);
  });

  it('names an OOM kill and an unhealthy container', async () => {
    const oom = `${P}oom`;
    const sick = `${P}sick`;
    await docker(
      'run',
      '-d',
      '--name',
      oom,
      '--network',
      'none',
      '-m',
      '16m',
      '--memory-swap',
      '16m',
      TEST_IMAGE,
      'sh',
      '-c',
      'a=$(head -c 100000000 /dev/zero | tr "\\000" x); echo ${#a}',
    );
    await docker(
      'run',
      '-d',
      '--name',
      sick,
      '--network',
      'none',
      '--health-cmd',
      'exit 1',
      '--health-interval',
      '1s',
      '--health-retries',
      '1',
      TEST_IMAGE,
      'sleep',
      '600',
    );
    const [o] = await eventually(() => (alertsFor(oom).length ? alertsFor(oom) : null), 20_000);
    expect(o).toMatchObject({ kind: 'container.oom', severity: 'critical' });
    const [s] = await eventually(() => (alertsFor(sick).length ? alertsFor(sick) : null), 20_000);
    expect(s).toMatchObject({ kind: 'container.unhealthy', status: 'firing' });
  });

  it('raises a restart loop once, folding the repeated crashes into one alert', async () => {
    const name = `${P}loop`;
    await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'none',
      '--restart',
      'always',
      TEST_IMAGE,
      'sh',
      '-c',
      'sleep 0.3; exit 1',
    );
    await eventually(() => alertsFor(name).some((a) => a.kind === 'container.restart-loop'), 30_000);
    await docker('rm', '-f', name);
    const got = alertsFor(name);
    expect(got.filter((a) => a.kind === 'container.restart-loop')).toHaveLength(1);
    // Several crashes, one "died" message: the rest were deduplicated into it.
    expect(got.filter((a) => a.kind === 'container.died')).toHaveLength(1);
    const recorded = (await history()).find((a) => a.container?.name === name && a.kind === 'container.died');
    expect(recorded?.repeats).toBeGreaterThanOrEqual(2);
  });

  it('sends the recovery once a crashed container has run again for a while', async () => {
    const name = `${P}recover`;
    // The first run crashes; started again it finds its marker and keeps running.
    const script = 'if [ -f /marker ]; then sleep 600; else touch /marker; sleep 0.3; exit 2; fi';
    await docker('run', '-d', '--name', name, '--network', 'none', TEST_IMAGE, 'sh', '-c', script);
    await eventually(() => alertsFor(name).length > 0, 15_000);
    await docker('start', name);
    const got = await eventually(() => {
      const all = alertsFor(name);
      return all.some((a) => a.status === 'resolved') ? all : null;
    }, 20_000);
    expect(got.map((a) => [a.status, a.title])).toEqual([
      ['firing', `${name} crashed`],
      ['resolved', `${name} is running again`],
    ]);
  });
});

describe('the hub', () => {
  it('deduplicates, applies a rule cooldown, and records everything in the history', async () => {
    const inbound = (status: 'firing' | 'resolved') =>
      server.api<{ id: string; deduplicated: boolean }>(
        'POST',
        '/api/alerts/events',
        { title: `${P} backup failed`, key: `${P}backup`, severity: 'critical', status },
        'operator',
      );
    const external = await server.api<Channel>('POST', '/api/notifications/channels', {
      name: 'external hook',
      type: 'webhook',
      config: { url: `${receiver.url}/external` },
    });
    const rule = await server.api('POST', '/api/notifications/rules', {
      name: 'external, once an hour',
      channelIds: [external.body.id],
      match: { sources: ['external'] },
      cooldownSeconds: 3600,
    });
    expect(rule.status).toBe(201);
    const first = await inbound('firing');
    const again = await inbound('firing');
    expect(first.status).toBe(202);
    expect(again.body).toEqual({ id: first.body.id, deduplicated: true });
    expect((await inbound('resolved')).body.deduplicated).toBe(false);
    const refire = await inbound('firing');
    expect(refire.body.deduplicated).toBe(false);
    const sent = () =>
      receiver.received
        .filter((r) => r.path === '/external')
        .map((r) => (JSON.parse(r.body) as Alert).status);
    await eventually(() => sent().length >= 2, 10_000);
    await new Promise((r) => setTimeout(r, 1_000));
    // firing, then the recovery; the second firing is within the rule's cooldown.
    expect(sent()).toEqual(['firing', 'resolved']);
    const h = (await history()).filter((a) => a.key === `external:${P}backup`);
    expect(h.map((a) => a.status)).toEqual(['firing', 'resolved', 'firing']);
    expect(h[0]?.muted).toBe('cooldown: external, once an hour');
    expect(h[2]?.repeats).toBe(1);
    expect((await server.api('POST', '/api/alerts/events', { title: 'x' }, 'viewer')).status).toBe(403);
  });

  it('records but does not send what a maintenance window mutes, while it is active', async () => {
    const now = Date.now();
    const window = await server.api<{ id: string; active: boolean }>(
      'POST',
      '/api/notifications/maintenance',
      {
        name: 'nightly backup',
        match: { labels: ['window=test'] },
        schedule: { kind: 'once', start: now - 60_000, end: now + 3_600_000 },
      },
    );
    expect(window.status).toBe(201);
    expect(window.body.active).toBe(true);
    const send = (key: string) =>
      server.api<{ id: string }>(
        'POST',
        '/api/alerts/events',
        { title: `${P} during maintenance`, key, labels: { window: 'test' } },
        'operator',
      );
    const muted = await send(`${P}m1`);
    await new Promise((r) => setTimeout(r, 500));
    const recorded = (await history()).find((a) => a.id === muted.body.id);
    expect(recorded?.muted).toBe('maintenance: nightly backup');
    expect(recorded?.deliveries).toEqual([]);

    expect((await server.api('DELETE', `/api/notifications/maintenance/${window.body.id}`)).status).toBe(200);
    const after = await send(`${P}m2`);
    await eventually(
      async () => (await history()).find((a) => a.id === after.body.id)?.deliveries[0]?.state === 'sent',
    );

    const bad = await server.api<{ field: string }>('POST', '/api/notifications/maintenance', {
      name: 'backwards',
      schedule: { kind: 'once', start: now, end: now - 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toMatch(/end/);
  });

  it('acknowledges an alert', async () => {
    const [a] = await history();
    expect((await server.api('POST', `/api/alerts/${a!.id}/ack`, undefined, 'operator')).status).toBe(200);
    const acked = (await history()).find((x) => x.id === a!.id);
    expect(acked?.ackedBy).toBeTruthy();
    expect((await server.api('POST', '/api/alerts/nope/ack', undefined, 'operator')).status).toBe(404);
  });

  it('keeps channel secrets out of replies and out of the database file', async () => {
    const list = await server.api<{ channels: Channel[] }>('GET', '/api/notifications/channels');
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('sekrit');
    expect(list.body.channels.find((c) => c.id === channel.id)?.config).toEqual({
      url: '••••••••',
      headers: { Authorization: '••••••••' },
    });
    const db = readFileSync(join(server.dataDir, 'harbourmaster.db'));
    const wal = (() => {
      try {
        return readFileSync(join(server.dataDir, 'harbourmaster.db-wal'));
      } catch {
        return Buffer.alloc(0);
      }
    })();
    for (const file of [db, wal]) {
      expect(file.includes('sekrit-url-token')).toBe(false);
      expect(file.includes('sekrit-header')).toBe(false);
    }
    expect((await server.api('GET', '/api/notifications/channels', undefined, 'operator')).status).toBe(403);
  });

  it('refuses a bad channel or rule with the field that is wrong', async () => {
    const bad = await server.api<{ field: string }>('POST', '/api/notifications/channels', {
      name: 'x',
      type: 'webhook',
      config: { url: 'ftp://nope' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('config.url');
    const unknownType = await server.api('POST', '/api/notifications/channels', {
      name: 'x',
      type: 'pager',
      config: {},
    });
    expect(unknownType.status).toBe(400);
    const rule = await server.api<{ field: string }>('POST', '/api/notifications/rules', {
      name: 'r',
      channelIds: ['missing'],
    });
    expect(rule.status).toBe(400);
    expect(rule.body.field).toBe('channelIds.0');
  });

  it('tests a channel and reports its own error', async () => {
    const ok = await server.api<{ ok: boolean; error: string | null }>(
      'POST',
      `/api/notifications/channels/${channel.id}/test`,
    );
    expect(ok.body).toMatchObject({ ok: true, error: null });
    receiver.status = 401;
    const failed = await server.api<{ ok: boolean; error: string | null }>(
      'POST',
      `/api/notifications/channels/${channel.id}/test`,
    );
    receiver.status = 200;
    expect(failed.body.ok).toBe(false);
    expect(failed.body.error).toMatch(/401/);
    expect(failed.body.error).not.toContain('sekrit');
    const listed = await server.api<{ channels: Channel[] }>('GET', '/api/notifications/channels');
    expect(listed.body.channels.find((c) => c.id === channel.id)?.health).toBe('failing');
  });
});

describe('delivery', () => {
  it('retries a receiver that is down until it comes back, also across a daemon restart', async () => {
    const late = await startReceiver();
    const port = late.port;
    await late.close();
    const ch = await server.api<Channel>('POST', '/api/notifications/channels', {
      name: 'late hook',
      type: 'webhook',
      config: { url: `http://127.0.0.1:${port}/late` },
    });
    await server.api('POST', '/api/notifications/rules', {
      name: 'late',
      channelIds: [ch.body.id],
      match: { kinds: ['external'], sources: ['external'] },
    });
    const raised = await server.api<{ id: string }>(
      'POST',
      '/api/alerts/events',
      { title: `${P} late one` },
      'operator',
    );
    const delivery = async () =>
      (await history())
        .find((a) => a.id === raised.body.id)
        ?.deliveries.find((d) => d.channelId === ch.body.id);
    await eventually(async () => ((await delivery())?.attempts ?? 0) >= 1, 10_000);
    expect((await delivery())?.state).toBe('queued');

    const dataDir = server.dataDir;
    await server.runtime.stop();
    const back = await startReceiver(port);
    try {
      server = await startTestServer({}, { dataDir, keepData: true });
      await eventually(() => back.received.some((r) => r.path === '/late'), 30_000);
      expect((await delivery())?.state).toBe('sent');
    } finally {
      await back.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
