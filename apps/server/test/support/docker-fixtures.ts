import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testDockerHost } from './test-server.js';

const run = promisify(execFile);

/** The docker CLI against the private test engine, for arranging and checking state outside the API. */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_HOST: testDockerHost() },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

export const TEST_IMAGE = process.env.HM_TEST_IMAGE ?? 'local/busybox:1';

/** A name prefix unique to one test file, so its leftovers are easy to find and remove. */
export function namePrefix(label: string): string {
  return `hmt-${label}-${process.pid}-`;
}

/** Removes every container, network and volume whose name starts with the prefix. */
export async function removeByPrefix(prefix: string): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `name=^/${prefix}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await docker('rm', '-f', '-v', ...ids).catch(() => '');
  const nets = (await docker('network', 'ls', '-q', '--filter', `name=^${prefix}`))
    .split('\n')
    .filter(Boolean);
  if (nets.length > 0) await docker('network', 'rm', ...nets).catch(() => '');
  const vols = (await docker('volume', 'ls', '-q', '--filter', `name=^${prefix}`))
    .split('\n')
    .filter(Boolean);
  if (vols.length > 0) await docker('volume', 'rm', '-f', ...vols).catch(() => '');
}

/** Polls until `check` returns a value, or fails after the timeout. */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met in ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`);
}
