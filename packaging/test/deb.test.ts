import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  DebianRoot,
  ENGINE_IN_ROOT,
  host,
  parseEnvFile,
  parseUnit,
  stopUnit,
  waitForHealth,
  type UnitProcess,
} from './support/debian-root.js';
import { freePort } from './support/free-port.js';

// The Debian package end to end: build it, publish it in a signed apt repository, install it with
// apt into a minimal Debian root, run the unit's ExecStart as systemd would (as the service user,
// with its EnvironmentFile, against the private engine), upgrade, remove and purge.

const execFileAsync = promisify(execFile);
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const DEB_DIR = join(REPO_ROOT, 'packaging/deb');
const UNIT = '/lib/systemd/system/harbourmaster.service';
const ENV_FILE = '/etc/harbourmaster/harbourmaster.env';
const DATA = '/var/lib/harbourmaster';
const REPO_IN_ROOT = '/srv/harbourmaster-repo';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the packaging tests through npm test`);
  return value;
}

let work = '';
let root: DebianRoot;
let engineSocket = '';
let version = '';
let arch = '';

const rootPath = (p: string) => root.path(p);
const sha256 = (p: string) =>
  createHash('sha256')
    .update(readFileSync(rootPath(p)))
    .digest('hex');
const account = (name: string) => root.account(name);
const groups = () => root.groups();
const inRoot = (...cmd: string[]) => root.run(...cmd);

/** Runs the unit while `check` looks at it, then stops it by PID whatever happened; its exit code. */
async function runUnit(check: (d: UnitProcess) => Promise<void>): Promise<number | null> {
  const daemon = root.startUnit(UNIT, engineSocket);
  try {
    await check(daemon);
  } finally {
    // Stopped even when a check failed, so later steps (purge) do not find it running.
    await stopUnit(daemon);
  }
  return daemon.exited;
}

beforeAll(async () => {
  const stage = required('HM_STAGE_DIR');
  const scratch = required('HM_PACKAGING_WORK');
  engineSocket = required('HM_TEST_DOCKER_HOST').replace(/^unix:\/\//, '');
  mkdirSync(scratch, { recursive: true });
  work = mkdtempSync(join(scratch, 'deb-'));
  root = new DebianRoot(join(work, 'root'));
  version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  arch = (await host('dpkg', ['--print-architecture'])).trim();
  const rootfs = join(scratch, 'rootfs-minbase.tar');
  await host('bash', [join(REPO_ROOT, 'packaging/rootfs.sh'), rootfs]);
  mkdirSync(root.dir);
  await host('tar', ['-C', root.dir, '--numeric-owner', '-xpf', rootfs]);
  await host('bash', [join(DEB_DIR, 'build.sh'), stage, join(work, 'debs')]);
  // The upgrade: the same tree, a higher version; zstd builds in seconds where xz takes a minute.
  await host('bash', [join(DEB_DIR, 'build.sh'), stage, join(work, 'debs')], {
    ...process.env,
    HM_DEB_VERSION: `${version}+test1`,
    HM_DEB_COMPRESSION: 'zstd',
  });
});

afterAll(async () => {
  if (!work) return;
  // Mounts live in namespaces that ended with their commands; refuse to delete through one anyway.
  const mounted = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((l) => l.split(' ')[4]?.startsWith(work));
  if (mounted.length > 0)
    throw new Error(`still mounted under ${work}, not deleting:\n${mounted.join('\n')}`);
  await host('rm', ['-rf', '--one-file-system', work]);
});

describe('the Debian package', () => {
  const deb = () => join(work, 'debs', `harbourmaster_${version}_${arch}.deb`);
  const repo = () => join(work, 'repo');

  it('is built from the staged tree with its conffile, unit and maintainer scripts', async () => {
    const field = async (f: string) => (await host('dpkg-deb', ['--field', deb(), f])).trim();
    expect(await field('Package')).toBe('harbourmaster');
    expect(await field('Version')).toBe(version);
    expect(await field('Architecture')).toBe(arch);
    expect(await field('Depends')).toMatch(/^libc6 \(>= 2\.\d+\), .*passwd/);
    expect(await field('Recommends')).toBe('docker.io | docker-ce, caddy');
    const contents = await host('dpkg-deb', ['--contents', deb()]);
    expect(contents).toMatch(/^-rwxr-xr-x root\/root .* \.\/opt\/harbourmaster\/bin\/node$/m);
    expect(contents).toMatch(/^-rw-r----- root\/root .* \.\/etc\/harbourmaster\/harbourmaster\.env$/m);
    expect(contents).toMatch(/\.\/usr\/bin\/harbourmaster -> \/opt\/harbourmaster\/bin\/harbourmaster$/m);
    expect(contents).toContain('./opt/harbourmaster/web/index.html');
    expect(contents).toContain('./lib/systemd/system/harbourmaster.service');
    // The paths the panel's HTTPS steps tell people to copy from.
    expect(contents).toMatch(/^-rw-r--r-- root\/root .* \.\/usr\/share\/harbourmaster\/caddy\/Caddyfile$/m);
    expect(contents).toMatch(
      /^-rw-r--r-- root\/root .* \.\/usr\/share\/harbourmaster\/caddy\/Caddyfile\.acme$/m,
    );
  });

  it('is published in an apt repository signed with a key the script made and keeps', async () => {
    const gnupg = join(work, 'gnupg');
    const publish = () =>
      host('bash', [join(DEB_DIR, 'repo.sh'), join(work, 'debs'), repo()], {
        ...process.env,
        HM_REPO_GNUPGHOME: gnupg,
      });
    expect(await publish()).toContain('new signing key');
    const key = readFileSync(join(repo(), 'harbourmaster.gpg'));
    const dist = join(repo(), 'dists/stable');
    expect(
      await host('gpgv', ['--keyring', join(repo(), 'harbourmaster.gpg'), join(dist, 'InRelease')]),
    ).toContain('Good signature');
    const detached = [join(dist, 'Release.gpg'), join(dist, 'Release')];
    expect(await host('gpgv', ['--keyring', join(repo(), 'harbourmaster.gpg'), ...detached])).toContain(
      'Good signature',
    );
    // A signature over something else must not pass: Release with one index checksum changed.
    const tampered = join(work, 'Release.tampered');
    writeFileSync(
      tampered,
      readFileSync(join(dist, 'Release'), 'utf8').replace(/ [0-9a-f]{64} /, ` ${'0'.repeat(64)} `),
    );
    await expect(
      host('gpgv', ['--keyring', join(repo(), 'harbourmaster.gpg'), detached[0]!, tampered]),
    ).rejects.toThrow(/BAD signature/);
    const packages = readFileSync(join(dist, `main/binary-${arch}/Packages`), 'utf8');
    expect(packages.match(/^Version: .*$/gm)?.sort()).toEqual([
      `Version: ${version}`,
      `Version: ${version}+test1`,
    ]);
    for (const [, file] of packages.matchAll(/^Filename: (.*)$/gm))
      expect(existsSync(join(repo(), file!))).toBe(true);
    // Publishing again reuses the key: machines that trust it keep trusting the repository.
    expect(await publish()).not.toContain('new signing key');
    expect(readFileSync(join(repo(), 'harbourmaster.gpg')).equals(key)).toBe(true);
    expect(readFileSync(join(dist, 'Release'), 'utf8')).toMatch(/^Suite: stable$/m);
  });

  it('installs with apt from the signed repository into a minimal Debian root', async () => {
    cpSync(repo(), rootPath(REPO_IN_ROOT), { recursive: true });
    cpSync(join(repo(), 'harbourmaster.gpg'), rootPath('/usr/share/keyrings/harbourmaster.gpg'));
    // The README's line, with file: for https:. The root's Debian mirror is dropped: offline test.
    writeFileSync(
      rootPath('/etc/apt/sources.list.d/harbourmaster.list'),
      `deb [signed-by=/usr/share/keyrings/harbourmaster.gpg] file:${REPO_IN_ROOT} stable main\n`,
    );
    writeFileSync(rootPath('/etc/apt/sources.list'), '');
    writeFileSync(rootPath(ENGINE_IN_ROOT), '');
    await inRoot('apt-get', 'update');
    const out = await inRoot(
      'apt-get',
      'install',
      '-y',
      '--no-install-recommends',
      `harbourmaster=${version}`,
    );
    expect(out).toContain('journalctl -u harbourmaster.service');
    expect(await inRoot('dpkg-query', '-W', '-f=${Version} ${Status}', 'harbourmaster')).toBe(
      `${version} install ok installed`,
    );
    expect(await inRoot('dpkg-query', '-W', '-f=${Conffiles}', 'harbourmaster')).toContain(ENV_FILE);

    const user = account('harbourmaster');
    expect(user).toMatchObject({ home: DATA, shell: '/usr/sbin/nologin' });
    expect(user!.uid).toBeLessThan(1000);
    expect(groups().get('harbourmaster')?.gid).toBe(user!.gid);
    expect(groups().has('docker')).toBe(false);
    const data = statSync(rootPath(DATA));
    expect([data.mode & 0o7777, data.uid, data.gid]).toEqual([0o700, user!.uid, user!.gid]);
    const env = statSync(rootPath(ENV_FILE));
    expect([env.mode & 0o7777, env.uid]).toEqual([0o640, 0]);
    expect(parseEnvFile(readFileSync(rootPath(ENV_FILE), 'utf8'))).toEqual({
      HM_HOST: '127.0.0.1',
      HM_PORT: '9090',
      HM_DATA_DIR: DATA,
    });
    expect(readFileSync(rootPath(ENV_FILE), 'utf8')).toContain('#HM_TRUST_PROXY=loopback');
    expect(readlinkSync(rootPath('/usr/bin/harbourmaster'))).toBe('/opt/harbourmaster/bin/harbourmaster');
    expect(
      lstatSync(
        rootPath('/etc/systemd/system/multi-user.target.wants/harbourmaster.service'),
      ).isSymbolicLink(),
    ).toBe(true);
  });

  it('ships a hardened unit that systemd parses without complaint', async () => {
    const text = readFileSync(rootPath(UNIT), 'utf8');
    const unit = parseUnit(text);
    const expected: Record<string, string> = {
      User: 'harbourmaster',
      Group: 'harbourmaster',
      EnvironmentFile: ENV_FILE,
      ExecStart: '/opt/harbourmaster/bin/harbourmaster',
      Restart: 'on-failure',
      StateDirectory: 'harbourmaster',
      ReadWritePaths: DATA,
      UMask: '0077',
      NoNewPrivileges: 'yes',
      CapabilityBoundingSet: '',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes',
      ProtectControlGroups: 'yes',
      RestrictSUIDSGID: 'yes',
      LockPersonality: 'yes',
      RestrictRealtime: 'yes',
      RestrictNamespaces: 'yes',
      SystemCallArchitectures: 'native',
      WantedBy: 'multi-user.target',
    };
    for (const [key, value] of Object.entries(expected)) expect([key, unit.get(key)]).toEqual([key, [value]]);
    // Metrics read the container processes' /proc entries, which ProtectProc=invisible would hide.
    expect(unit.get('ProtectProc')).toEqual(['default']);
    // V8 compiles code at run time into memory it then executes.
    expect(unit.has('MemoryDenyWriteExecute')).toBe(false);
    // A missing group makes systemd refuse to start the unit; docker is only recommended.
    expect(unit.has('SupplementaryGroups')).toBe(false);
    // systemd-analyze checks every key and value; it needs ExecStart to exist on this host.
    const check = join(work, 'unit-check');
    mkdirSync(check);
    writeFileSync(
      join(check, 'harbourmaster.service'),
      text.replace(/^ExecStart=/m, `ExecStart=${root.dir}`),
    );
    const { stderr } = await execFileAsync('systemd-analyze', [
      'verify',
      join(check, 'harbourmaster.service'),
    ]);
    expect(stderr).toBe('');
  });

  it('adds the user to the docker group when Docker is installed afterwards', async () => {
    // A stand-in for docker.io: dockerd at its path, and a postinst creating the docker group with
    // the gid of the private engine's socket, so the daemon can reach it later as the group would.
    const socketGid = statSync(engineSocket).gid;
    if (socketGid === 0) throw new Error(`${engineSocket} belongs to root: the engine needs a docker group`);
    const fake = join(work, 'fake-docker');
    mkdirSync(join(fake, 'DEBIAN'), { recursive: true });
    mkdirSync(join(fake, 'usr/sbin'), { recursive: true });
    writeFileSync(join(fake, 'usr/sbin/dockerd'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(
      join(fake, 'DEBIAN/control'),
      `Package: hm-test-docker\nVersion: 1\nArchitecture: all\nMaintainer: test <test@localhost>\nDescription: stands in for docker.io\n`,
    );
    writeFileSync(
      join(fake, 'DEBIAN/postinst'),
      `#!/bin/sh\nset -e\ngetent group docker >/dev/null || groupadd --system --gid ${socketGid} docker\n`,
    );
    chmodSync(join(fake, 'DEBIAN/postinst'), 0o755);
    await host('dpkg-deb', ['--root-owner-group', '--build', fake, rootPath('/tmp/hm-test-docker.deb')]);
    expect(await inRoot('dpkg', '-i', '/tmp/hm-test-docker.deb')).toContain(
      'Processing triggers for harbourmaster',
    );
    expect(groups().get('docker')?.members).toContain('harbourmaster');
  });

  it("runs the unit's ExecStart as the service user with its EnvironmentFile", async () => {
    // The administrator's edit, which the upgrade below must keep: a free port, the private engine.
    const port = await freePort();
    const edited = readFileSync(rootPath(ENV_FILE), 'utf8')
      .replace(/^HM_PORT=9090$/m, `HM_PORT=${port}`)
      .concat(`DOCKER_HOST=unix://${ENGINE_IN_ROOT}\n`);
    writeFileSync(rootPath(ENV_FILE), edited);
    const user = account('harbourmaster')!;
    const code = await runUnit(async (daemon) => {
      const reply = await waitForHealth(port, daemon);
      expect(reply.status).toBe('ok');
      expect(reply.hosts).toEqual([{ id: 'local', reachable: true, error: null }]);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toMatch(/^<!doctype html>/i);
      const status = readFileSync(`/proc/${daemon.pid}/status`, 'utf8');
      expect(status).toMatch(new RegExp(`^Uid:\\t${user.uid}\\t${user.uid}\\t`, 'm'));
      expect(status).toMatch(new RegExp(`^Groups:.*\\b${groups().get('docker')!.gid}\\b`, 'm'));
      expect(daemon.output()).toMatch(/Setup code: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    });
    // A clean stop: Restart=on-failure would otherwise start it again.
    expect(code).toBe(0);
    for (const file of ['harbourmaster.db', 'secret.key']) {
      const s = statSync(rootPath(`${DATA}/${file}`));
      expect([file, s.uid, s.mode & 0o777]).toEqual([file, user.uid, 0o600]);
    }
    writeFileSync(rootPath(`${DATA}/marker`), 'kept\n');
    chownSync(rootPath(`${DATA}/marker`), user.uid, user.gid);
  });

  it('upgrades from the repository, keeping data and the edited conffile', async () => {
    const kept = [`${DATA}/harbourmaster.db`, `${DATA}/secret.key`, `${DATA}/marker`, ENV_FILE];
    const before = kept.map(sha256);
    const out = await inRoot('apt-get', 'install', '-y', '--no-install-recommends', 'harbourmaster');
    expect(out).toContain(`Unpacking harbourmaster (${version}+test1) over (${version})`);
    expect(out).not.toContain('Harbourmaster: ');
    expect(await inRoot('dpkg-query', '-W', '-f=${Version}', 'harbourmaster')).toBe(`${version}+test1`);
    expect(kept.map(sha256)).toEqual(before);
    expect(existsSync(rootPath(`${ENV_FILE}.dpkg-dist`))).toBe(false);
    const port = Number(parseEnvFile(readFileSync(rootPath(ENV_FILE), 'utf8')).HM_PORT);
    const code = await runUnit(async (daemon) => {
      expect((await waitForHealth(port, daemon)).status).toBe('ok');
    });
    expect(code).toBe(0);
  });

  it('remove keeps data, configuration and the account', async () => {
    const conf = sha256(ENV_FILE);
    await inRoot('dpkg', '-r', 'harbourmaster');
    expect(await inRoot('dpkg-query', '-W', '-f=${Status}', 'harbourmaster')).toBe(
      'deinstall ok config-files',
    );
    for (const gone of ['/opt/harbourmaster', '/usr/bin/harbourmaster', UNIT])
      expect([gone, existsSync(rootPath(gone))]).toEqual([gone, false]);
    expect(sha256(ENV_FILE)).toBe(conf);
    expect(readFileSync(rootPath(`${DATA}/marker`), 'utf8')).toBe('kept\n');
    expect(account('harbourmaster')).toBeDefined();
  });

  it('purge removes data, configuration, the account and the unit state', async () => {
    await inRoot('dpkg', '-P', 'harbourmaster');
    for (const gone of [DATA, '/etc/harbourmaster'])
      expect([gone, existsSync(rootPath(gone))]).toEqual([gone, false]);
    expect(account('harbourmaster')).toBeUndefined();
    expect(groups().has('harbourmaster')).toBe(false);
    expect(groups().get('docker')?.members).not.toContain('harbourmaster');
    const left = await host('find', [
      rootPath('/etc/systemd'),
      rootPath('/var/lib/systemd'),
      '-name',
      '*harbourmaster*',
    ]);
    expect(left).toBe('');
  });

  it('under systemd, starts the unit, shows the setup code from the journal, and stops it on remove', async () => {
    // systemd is not PID 1 here: stand-ins record what the maintainer scripts ask of it, and the
    // journal holds a setup code line as the daemon would have logged it.
    mkdirSync(rootPath('/run/systemd/system'), { recursive: true });
    const calls = '/tmp/systemd-calls';
    const stub = (name: string, extra = '') =>
      writeFileSync(
        rootPath(`/usr/local/sbin/${name}`),
        `#!/bin/sh\necho "${name} $*" >>${calls}\n${extra}`,
        {
          mode: 0o755,
        },
      );
    stub('systemctl');
    stub('deb-systemd-invoke');
    stub('journalctl', `echo '{"level":40,"msg":"Setup code: K7QZ-2M9D-XW4T — enter it in the panel"}'\n`);
    const pkg = `${REPO_IN_ROOT}/pool/main/h/harbourmaster/harbourmaster_${version}_${arch}.deb`;
    const out = await inRoot('dpkg', '-i', pkg);
    expect(out).toContain('Harbourmaster: Setup code: K7QZ-2M9D-XW4T');
    const log = () => readFileSync(rootPath(calls), 'utf8');
    expect(log()).toMatch(
      /^systemctl --system daemon-reload\ndeb-systemd-invoke start harbourmaster\.service\njournalctl --unit=harbourmaster\.service --since=@\d+ /m,
    );
    await inRoot('dpkg', '-r', 'harbourmaster');
    expect(log()).toContain('deb-systemd-invoke stop harbourmaster.service');
  });

  it('joins the docker group when installed with Docker in one run', async () => {
    // Start clean: no Harbourmaster, no Docker, no docker group, systemd not running.
    await inRoot('dpkg', '-P', 'harbourmaster', 'hm-test-docker');
    await inRoot('groupdel', 'docker');
    await host('rm', ['-rf', rootPath('/run/systemd/system')]);
    const pkg = `${REPO_IN_ROOT}/pool/main/h/harbourmaster/harbourmaster_${version}_${arch}.deb`;
    const out = await inRoot('dpkg', '-i', pkg, '/tmp/hm-test-docker.deb');
    // The order that lost the group: Harbourmaster configured before Docker's postinst ran.
    expect(out.indexOf('Setting up harbourmaster')).toBeGreaterThan(-1);
    expect(out.indexOf('Setting up harbourmaster')).toBeLessThan(out.indexOf('Setting up hm-test-docker'));
    expect(groups().get('docker')?.members).toContain('harbourmaster');
  });
});
