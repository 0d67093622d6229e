import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { healthReplySchema, type HealthReply } from '@harbourmaster/contracts';

const execFileAsync = promisify(execFile);

/** The PATH systemd gives system services; also what the root's package tools run with. */
export const SERVICE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin';
/** Where a root sees the engine socket bound in for a daemon run. */
export const ENGINE_IN_ROOT = '/run/hm-docker.sock';

/** Runs a host command; a failure carries its output. */
export async function host(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync(cmd, args, { env, maxBuffer: 64 << 20 });
    return stdout + stderr;
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: e });
  }
}

/** The settings of a unit file, each key with all its values (sections are not told apart). */
export function parseUnit(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) settings.set(m[1]!, [...(settings.get(m[1]!) ?? []), m[2]!]);
  }
  return settings;
}

/** An EnvironmentFile as systemd reads it: VAR=value lines; comments and blank lines skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const lines = text.split('\n').filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l.trim()));
  return Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]),
  );
}

export interface Account {
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** A daemon started from a unit inside a root; `pid` is Node's own. */
export interface UnitProcess {
  child: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
}

// Mounts made in a private mount namespace die with the command: nothing is left mounted, whatever
// happens to the test. The engine socket is bound in when HM_ENGINE_SOCKET is set.
const ENTER = `set -e
root=$1; shift
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
[ -z "$HM_ENGINE_SOCKET" ] || mount --bind "$HM_ENGINE_SOCKET" "$root${ENGINE_IN_ROOT}"
exec chroot "$@"`;

/**
 * A Debian root filesystem extracted in a directory, entered with chroot for package tools and
 * for running a unit's ExecStart.
 * @example await new DebianRoot('/tmp/x/root').run('dpkg', '-i', '/tmp/pkg.deb')
 */
export class DebianRoot {
  constructor(readonly dir: string) {}

  /** A path inside the root, as seen from the host. */
  path(p: string): string {
    return join(this.dir, p);
  }

  /** Runs a command inside the root as root, the way an administrator would. */
  run(...cmd: string[]): Promise<string> {
    return host('unshare', this.#enter([this.dir, ...cmd]), {
      PATH: SERVICE_PATH,
      LC_ALL: 'C',
      DEBIAN_FRONTEND: 'noninteractive',
    });
  }

  account(name: string): Account | undefined {
    const line = readFileSync(this.path('/etc/passwd'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    if (!line) return undefined;
    const [, , uid, gid, , home, shell] = line.split(':');
    return { uid: Number(uid), gid: Number(gid), home: home!, shell: shell! };
  }

  /** Group name → gid and members, from the root's /etc/group. */
  groups(): Map<string, { gid: number; members: string[] }> {
    const lines = readFileSync(this.path('/etc/group'), 'utf8').split('\n').filter(Boolean);
    return new Map(
      lines.map((l) => {
        const [name, , gid, members] = l.split(':');
        return [name!, { gid: Number(gid), members: members ? members.split(',') : [] }];
      }),
    );
  }

  /**
   * Starts a unit's ExecStart as systemd would: as User=/Group= with the supplementary groups the
   * user has in /etc/group, the EnvironmentFile's variables plus those systemd sets for a User=,
   * under the unit's UMask. The engine socket is bound in at ENGINE_IN_ROOT.
   */
  startUnit(unitPath: string, engineSocket: string): UnitProcess {
    const unit = parseUnit(readFileSync(this.path(unitPath), 'utf8'));
    const one = (key: string) => unit.get(key)?.[0] ?? '';
    const user = this.account(one('User'));
    const group = this.groups().get(one('Group'));
    if (!user || !group)
      throw new Error(`the unit's User=${one('User')} or Group=${one('Group')} does not exist`);
    const supplementary = [...this.groups().values()]
      .filter((g) => g.members.includes(one('User')))
      .map((g) => g.gid);
    const env = {
      PATH: SERVICE_PATH,
      HOME: user.home,
      USER: one('User'),
      LOGNAME: one('User'),
      SHELL: user.shell,
      ...parseEnvFile(readFileSync(this.path(one('EnvironmentFile')), 'utf8')),
    };
    const child = spawn(
      'unshare',
      this.#enter([
        `--userspec=${user.uid}:${group.gid}`,
        `--groups=${[group.gid, ...supplementary].join(',')}`,
        this.dir,
        '/usr/bin/env',
        '-i',
        ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
        '/bin/sh',
        '-c',
        `umask ${one('UMask')} && exec "$0"`,
        one('ExecStart'),
      ]),
      { env: { PATH: SERVICE_PATH, HM_ENGINE_SOCKET: engineSocket }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    // unshare, sh, chroot, env, sh and the launcher each exec the next: this PID ends up as Node.
    return { child, pid: child.pid!, output: () => output, exited };
  }

  #enter(chrootArgs: string[]): string[] {
    return ['--mount', '--propagation', 'private', '--', 'sh', '-c', ENTER, 'enter', this.dir, ...chrootArgs];
  }
}

/**
 * Waits until the daemon reports healthy on a loopback port (the engine connects shortly after the
 * port opens), or 20 s; returns the last reply, so a test sees why it is degraded. Fails early if
 * the daemon exits.
 */
export async function waitForHealth(port: number, d: UnitProcess): Promise<HealthReply> {
  let last: HealthReply | undefined;
  for (let i = 0; i < 200 && last?.status !== 'ok'; i++) {
    if (d.child.exitCode !== null) throw new Error(`the daemon exited early:\n${d.output()}`);
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    const reply = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    if (reply?.ok) last = healthReplySchema.parse(await reply.json());
  }
  if (!last) throw new Error(`no health reply on port ${port}:\n${d.output()}`);
  return last;
}

/** Stops a daemon by its PID with SIGTERM, as systemd would, and returns its exit code. */
export async function stopUnit(d: UnitProcess): Promise<number | null> {
  if (d.child.exitCode === null && d.child.signalCode === null) process.kill(d.pid, 'SIGTERM');
  return d.exited;
}
