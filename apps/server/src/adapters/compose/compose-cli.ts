import { execFile } from 'node:child_process';

/** Which Compose CLI a host has: the `docker compose` plugin (v2) or standalone `docker-compose`. */
export type ComposeCli = { kind: 'plugin' | 'standalone'; command: string[]; version: string };

/** What detection found: a CLI, or why there is none (a sentence a user can act on). */
export type ComposeDetection = ComposeCli | { kind: null; reason: string };

/** Runs argv without a shell and resolves with its stdout, or rejects; the seam tests fake. */
export type ComposeProbe = (argv: string[], env: NodeJS.ProcessEnv) => Promise<string>;

/** A `version` call that hangs this long is a broken install, not a slow one. */
const PROBE_TIMEOUT_MS = 10_000;

const CANDIDATES: { kind: 'plugin' | 'standalone'; command: string[] }[] = [
  { kind: 'plugin', command: ['docker', 'compose'] },
  { kind: 'standalone', command: ['docker-compose'] },
];

/** The real probe: execFile with a deadline and no shell. */
export const execProbe: ComposeProbe = (argv, env) =>
  new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    if (!file) return reject(new Error('empty command'));
    execFile(file, args, { shell: false, timeout: PROBE_TIMEOUT_MS, env, windowsHide: true }, (err, out) => {
      if (err) reject(new Error(`${argv.join(' ')} failed: ${err.message}`, { cause: err }));
      else resolve(out);
    });
  });

/** Builds a detector that caches its answer per PATH and HOME (what decides which CLI is found). */
export function createComposeDetector(
  probe: ComposeProbe,
): (env?: NodeJS.ProcessEnv) => Promise<ComposeDetection> {
  const cache = new Map<string, Promise<ComposeDetection>>();
  return (env = process.env) => {
    const key = `${env.PATH ?? ''}\0${env.HOME ?? ''}`;
    let found = cache.get(key);
    if (!found) {
      found = detect(probe, { PATH: env.PATH, HOME: env.HOME });
      cache.set(key, found);
    }
    return found;
  };
}

async function detect(probe: ComposeProbe, env: NodeJS.ProcessEnv): Promise<ComposeDetection> {
  for (const { kind, command } of CANDIDATES) {
    try {
      const version = (await probe([...command, 'version', '--short'], env)).trim();
      // A docker CLI without the plugin may still exit 0 on odd setups; only a version number counts.
      if (/^v?\d+\.\d+/.test(version)) return { kind, command, version: version.replace(/^v/, '') };
    } catch {
      // Not installed or broken: try the next candidate; the reason below names both.
    }
  }
  return { kind: null, reason: 'neither `docker compose` nor `docker-compose` is installed' };
}

/**
 * Finds the host's Compose CLI: the `docker compose` plugin first, then `docker-compose`.
 * @example const cli = await detectCompose(); if (cli.kind === null) throw new Error(cli.reason);
 */
export const detectCompose = createComposeDetector(execProbe);
