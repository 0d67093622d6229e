import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDockerHost } from './support/test-server.js';
import { eventually } from './support/docker-fixtures.js';
import {
  daemonApi as api,
  firstAdminToken,
  startDaemon,
  type DaemonProcess,
} from './support/daemon-process.js';
import { startReceiver, type HttpReceiver } from './support/http-receiver.js';

// A channel's secrets appear nowhere the daemon writes: not in its log (at its most talkative), not
// in its data dir, not in replies — also when the channel fails and the service echoes them back.
const PORT = 25000 + (process.pid % 1000);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-alert-secrets-'));
const SECRET = 'tok-7f3a9c1e5b';
let d: DaemonProcess | undefined;
let receiver: HttpReceiver | undefined;

afterAll(async () => {
  d?.child.kill('SIGKILL');
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('channel secrets', () => {
  it('never reach the log, the data dir or a reply', async () => {
    receiver = await startReceiver();
    receiver.status = 401;
    d = await startDaemon(
      { HM_DATA_DIR: dataDir, DOCKER_HOST: testDockerHost(), HM_LOG_LEVEL: 'trace' },
      PORT,
    );
    const token = await firstAdminToken(d);
    const created = await api<{ id: string }>(d, token, 'POST', '/api/notifications/channels', {
      name: 'gotify',
      type: 'gotify',
      config: { baseUrl: receiver.url, token: SECRET },
    });
    expect(created.status).toBe(201);
    await api(d, token, 'POST', '/api/notifications/rules', { name: 'all', channelIds: [created.body.id] });
    const tested = await api<{ ok: boolean; error: string }>(
      d,
      token,
      'POST',
      `/api/notifications/channels/${created.body.id}/test`,
    );
    expect(tested.body.ok).toBe(false);
    await api(d, token, 'POST', '/api/alerts/events', { title: 'secret test' });
    await eventually(() => (receiver?.received.length ?? 0) >= 2, 15_000);
    // The service got the token, as it must…
    expect(receiver.received.some((r) => JSON.stringify(r.headers).includes(SECRET))).toBe(true);
    // …and nothing of ours holds it.
    const replies = JSON.stringify([
      tested.body,
      (await api(d, token, 'GET', '/api/notifications/channels')).body,
      (await api(d, token, 'GET', '/api/alerts')).body,
    ]);
    expect(replies).not.toContain(SECRET);
    expect(d.output()).not.toContain(SECRET);
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true }))
      if (file.isFile())
        expect(readFileSync(join(file.parentPath, file.name)).includes(SECRET), file.name).toBe(false);
  });
});
