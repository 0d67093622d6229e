import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job, StackListReply } from '@harbourmaster/contracts';
import { testDockerHost } from './support/test-server.js';
import { eventually, namePrefix, removeByPrefix, TEST_IMAGE } from './support/docker-fixtures.js';
import {
  daemonApi as api,
  firstAdminToken,
  startDaemon,
  type DaemonProcess,
} from './support/daemon-process.js';
import { onEngineEvent } from './support/engine-events.js';

// A daemon killed (SIGKILL) in the middle of a deploy: at the next start the job says it was
// interrupted, and the stack's state comes from its containers' labels, not from the job.
const P = namePrefix('stkcrash').replace(/[^a-z0-9_-]/g, '');
const PORT = 24000 + (process.pid % 1000);
const dataDir = mkdtempSync(join(tmpdir(), 'hm-stkcrash-'));
const running: DaemonProcess[] = [];

afterAll(async () => {
  for (const d of running)
    if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill('SIGKILL');
  await removeByPrefix(P);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a daemon killed in the middle of a deploy', () => {
  it('finds the job interrupted and the stack in its real state at the next start', async () => {
    const name = `${P}deploy`;
    const env = { HM_DATA_DIR: dataDir, DOCKER_HOST: testDockerHost() };
    const first = await startDaemon(env, PORT);
    running.push(first);
    const token = await firstAdminToken(first);
    const services = ['a', 'b', 'c']
      .map(
        (s) =>
          `  ${s}:\n    image: ${TEST_IMAGE}\n    command: sleep 600\n    stop_grace_period: 1s\n    network_mode: host\n`,
      )
      .join('');
    const created = await api(first, token, 'POST', '/api/hosts/local/stacks', {
      name,
      compose: `services:\n${services}`,
    });
    expect(created.status).toBe(201);

    const stopFollowing = await onEngineEvent(
      { type: ['container'], event: ['create'], label: [`com.docker.compose.project=${name}`] },
      () => first.child.kill('SIGKILL'),
    );
    const submitted = await api<{ jobId: string }>(
      first,
      token,
      'POST',
      `/api/hosts/local/stacks/${name}/deploy`,
    );
    expect(submitted.status).toBe(202);
    expect(await first.exited).toBe('SIGKILL');
    stopFollowing();

    const second = await startDaemon(env, PORT);
    running.push(second);
    const job = await eventually(async () => {
      const { body } = await api<Job>(second, token, 'GET', `/api/jobs/${submitted.body.jobId}`);
      return body.state === 'running' || body.state === 'queued' ? null : body;
    });
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/interrupted/);

    // Compose's `up` went on without the daemon (it is its own process group) or stopped half way;
    // either way the list shows what the engine has, and a new deploy brings the stack up.
    const list = await api<StackListReply>(second, token, 'GET', '/api/hosts/local/stacks');
    const stack = list.body.stacks.find((s) => s.name === name);
    expect(stack?.managed).toBe(true);
    expect(['running', 'partly running', 'stopped']).toContain(stack?.status);
    const again = await api<{ jobId: string }>(
      second,
      token,
      'POST',
      `/api/hosts/local/stacks/${name}/deploy`,
    );
    const done = await eventually(async () => {
      const { body } = await api<Job>(second, token, 'GET', `/api/jobs/${again.body.jobId}`);
      return body.state === 'succeeded' || body.state === 'failed' ? body : null;
    }, 60_000);
    expect(done.state).toBe('succeeded');
    const after = await api<StackListReply>(second, token, 'GET', '/api/hosts/local/stacks');
    expect(after.body.stacks.find((s) => s.name === name)?.status).toBe('running');
    await api(second, token, 'POST', `/api/hosts/local/stacks/${name}/down`);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
