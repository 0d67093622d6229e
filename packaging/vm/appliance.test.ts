import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The qcow2 appliance: built from the .deb by packaging/vm/build-qcow2.sh, booted in QEMU by
// packaging/vm/smoke.sh (user networking, restrict=on, the panel forwarded to a loopback port).
// Its own vitest project, `vm`, which npm test does not run: a fresh build downloads ~400 MB from
// the Debian mirror and takes about 4 minutes, the boot under TCG (no usable KVM) another 1.5.
// HM_VM_ROOTFS may point at a cached root tarball (build-qcow2.sh writes it on the first run).

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the packaging tests through npm test`);
  return value;
}

async function sh(script: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('bash', [join(REPO, script), ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

let work = '';
let image = '';

describe('the qcow2 appliance', () => {
  beforeAll(async () => {
    const stage = requiredEnv('HM_STAGE_DIR');
    const scratch = requiredEnv('HM_PACKAGING_WORK');
    mkdirSync(scratch, { recursive: true });
    work = mkdtempSync(join(scratch, 'vm-'));
    await sh('packaging/deb/build.sh', [stage, join(work, 'debs')], { HM_DEB_COMPRESSION: 'zstd' });
    const arch = (await run('dpkg', ['--print-architecture'])).stdout.trim();
    image = join(work, 'harbourmaster.qcow2');
    await sh(
      'packaging/vm/build-qcow2.sh',
      [join(work, 'debs', `harbourmaster_${VERSION}_${arch}.deb`), image],
      {
        HM_VM_ROOTFS: process.env.HM_VM_ROOTFS ?? join(scratch, 'vm-rootfs.tar'),
      },
    );
  });

  afterAll(async () => {
    if (work) await run('rm', ['-rf', '--one-file-system', work]);
  });

  it('is a qcow2 disk with a GPT: an EFI system partition and a root partition', async () => {
    const info = JSON.parse((await run('qemu-img', ['info', '--output=json', image])).stdout) as {
      format: string;
      'virtual-size': number;
    };
    expect(info.format).toBe('qcow2');
    expect(info['virtual-size']).toBe(8 * 1024 ** 3);
    const raw = join(work, 'check.raw');
    await run('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', image, raw]);
    const table = JSON.parse((await run('sfdisk', ['--json', raw])).stdout) as {
      partitiontable: { label: string; partitions: { type: string }[] };
    };
    expect(table.partitiontable.label).toBe('gpt');
    expect(table.partitiontable.partitions.map((p) => p.type)).toEqual([
      'C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
      '4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709',
    ]);
    await run('rm', ['-f', raw]);
  });

  it('boots, answers /api/health, shows a setup code on the console that creates the first admin, powers off', async () => {
    const consoleLog = join(work, 'console.log');
    // TCG unless told otherwise: /dev/kvm can exist and still fail (nested virtualisation).
    const out = await sh('packaging/vm/smoke.sh', [image, consoleLog], {
      HM_VM_ACCEL: process.env.HM_VM_ACCEL ?? 'tcg',
    });
    // ok, not degraded: the daemon reaches the VM's own Docker as the harbourmaster user.
    expect(out).toMatch(/\/api\/health: \{"status":"ok",.*"hosts":\[\{"id":"local","reachable":true/);
    expect(out).toContain("setup with the console's code: HTTP 201");
    expect(out).toMatch(/powered off; ok$/m);
    // What the person at the console sees: the helper's line, with the code smoke.sh claimed.
    const log = readFileSync(consoleLog, 'latin1');
    expect(log).toMatch(/Harbourmaster setup code: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(log).toMatch(/reboot: Power down/);
  });
});
