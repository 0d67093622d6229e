import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { testDockerHost } from './support/test-server.js';
import { SETUP_CODE_PATTERN } from '../src/features/auth/setup-code.js';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

const MAIN = 'apps/server/dist/main.js';
const P = namePrefix('sig');

function runDaemon(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output, stderr: () => stderr };
}

/** Sets up a fresh daemon with the setup code it printed, as an operator would, and returns a bearer token. */
async function adminToken(url: string, output: () => string): Promise<string> {
  const setupCode = await eventually(() => Promise.resolve(SETUP_CODE_PATTERN.exec(output())?.[1]));
  const creds = { username: 'admin', password: 'correct horse battery' };
  const json = { 'content-type': 'application/json' };
  const setup = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ ...creds, setupCode }),
  });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const cookie = setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await setup.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { ...json, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'shutdown', role: 'admin' }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('the built daemon as a process', () => {
  it('stops on a bad variable with a message naming it', async () => {
    const d = runDaemon({ HM_PORT: 'ninety', HM_DATA_DIR: mkdtempSync(join(tmpdir(), 'hm-cfg-')) });
    expect(await d.exited).toBe(2);
    expect(d.output()).toMatch(/HM_PORT/);
  });

  it('prints the setup code on stderr and in its log while no admin exists, and not after', async () => {
    const port = 21000 + ((process.pid + 500) % 1000);
    const env = {
      HM_PORT: String(port),
      HM_DATA_DIR: mkdtempSync(join(tmpdir(), 'hm-code-')),
      DOCKER_HOST: testDockerHost(),
      HM_LOG_LEVEL: 'info',
    };
    const url = `http://127.0.0.1:${port}`;
    const first = runDaemon(env);
    try {
      await eventually(async () => (await fetch(`${url}/api/health`)).ok, 20_000);
      const code = await eventually(() => Promise.resolve(SETUP_CODE_PATTERN.exec(first.stderr())?.[1]));
      expect(first.stderr()).toContain(
        `Setup code: ${code} — enter it in the panel to create the first admin`,
      );
      const logLine = first
        .output()
        .split('\n')
        .find((l) => l.startsWith('{') && l.includes(code));
      const logged = JSON.parse(logLine ?? '{}') as { level?: number; msg?: string };
      expect(logged.level).toBe(40);
      expect(logged.msg).toContain(code);
      await adminToken(url, first.output);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    const second = runDaemon(env);
    try {
      await eventually(async () => (await fetch(`${url}/api/health`)).ok, 20_000);
      await eventually(() => Promise.resolve(second.output().includes('Harbourmaster is up')));
      expect(second.output()).not.toMatch(SETUP_CODE_PATTERN);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('closes open WebSockets and log streams and exits 0 on SIGTERM', async () => {
    const port = 21000 + (process.pid % 1000);
    const dataDir = mkdtempSync(join(tmpdir(), 'hm-sig-'));
    const d = runDaemon({
      HM_PORT: String(port),
      HM_DATA_DIR: dataDir,
      DOCKER_HOST: testDockerHost(),
      HM_LOG_LEVEL: 'info',
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await eventually(async () => (await fetch(`${url}/api/health`)).ok, 20_000);
      const token = await adminToken(url, d.output);
      await docker(
        'run',
        '-d',
        '--name',
        `${P}talk`,
        '--network',
        'none',
        TEST_IMAGE,
        'sh',
        '-c',
        'while true; do echo hi; sleep 1; done',
      );

      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

      const logs = await fetch(`${url}/api/hosts/local/containers/${P}talk/logs?follow=true`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const reader = logs.body!.getReader();
      await reader.read();
      const streamEnded = (async () => {
        try {
          while (!(await reader.read()).done);
          return 'ended';
        } catch {
          return 'closed';
        }
      })();

      d.child.kill('SIGTERM');
      expect(await d.exited).toBe(0);
      expect(await wsClosed).toBe(1001);
      expect(['ended', 'closed']).toContain(await streamEnded);
      expect(d.output()).toContain('shutting down');
      expect(d.output()).toContain('"msg":"stopped"');
    } finally {
      if (d.child.exitCode === null) d.child.kill('SIGKILL');
      await removeByPrefix(P);
    }
  });
});
