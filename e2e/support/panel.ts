import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Flags for Debian's Chromium on this kind of machine: no sandbox as root, no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function dockerHost(): string {
  const host = process.env.HM_TEST_DOCKER_HOST;
  if (!host) throw new Error('HM_TEST_DOCKER_HOST is not set: run the e2e tests through npm test');
  return host;
}

/** A built daemon running on a fresh data dir, with the setup code it printed for the first admin. */
export interface Daemon {
  url: string;
  setupCode: string;
  stop: () => Promise<void>;
}

/** Starts the built daemon (server + web panel) on a fresh data dir. */
export async function startDaemon(port: number): Promise<Daemon> {
  const child: ChildProcess = spawn(process.execPath, ['apps/server/dist/main.js'], {
    env: {
      ...process.env,
      HM_PORT: String(port),
      HM_DATA_DIR: mkdtempSync(join(tmpdir(), 'hm-e2e-')),
      DOCKER_HOST: dockerHost(),
      HM_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  // The operator reads the one-time setup code from the daemon's console; so does the test.
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    process.stderr.write(d);
    stderr += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const printed = () => /Setup code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(stderr)?.[1];
  for (let i = 0; i < 50 && !printed(); i++) await new Promise((r) => setTimeout(r, 100));
  const setupCode = printed();
  if (!setupCode) throw new Error(`the daemon printed no setup code; its stderr:\n${stderr}`);
  return {
    url,
    setupCode,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function openBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'hm-chrome-')), {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 860 },
  });
}
