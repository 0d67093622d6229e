import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDockerHost } from './support/test-server.js';
import { eventually } from './support/docker-fixtures.js';

const MAIN = 'apps/server/dist/main.js';

function runDaemon(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the built daemon as a process', () => {
  it('stops on a bad variable with a message naming it', async () => {
    const d = runDaemon({ HM_PORT: 'ninety', HM_DATA_DIR: mkdtempSync(join(tmpdir(), 'hm-cfg-')) });
    expect(await d.exited).toBe(2);
    expect(d.output()).toMatch(/HM_PORT/);
  });

  it('drains open streams and exits 0 on SIGTERM', async () => {
    const port = 21000 + (process.pid % 1000);
    const dataDir = mkdtempSync(join(tmpdir(), 'hm-sig-'));
    const d = runDaemon({
      HM_PORT: String(port),
      HM_DATA_DIR: dataDir,
      DOCKER_HOST: testDockerHost(),
      HM_LOG_LEVEL: 'info',
    });
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/api/health`)).ok, 20_000);
    // A long-lived request in flight must not keep the process alive.
    const pending = fetch(`${url}/api/health`).then((r) => r.status);
    d.child.kill('SIGTERM');
    expect(await d.exited).toBe(0);
    expect(await pending.catch(() => 'closed')).toBeDefined();
    expect(d.output()).toContain('shutting down');
    expect(d.output()).toContain('"msg":"stopped"');
  });
});
