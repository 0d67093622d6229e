import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_CODE_PATTERN } from '../../apps/server/src/features/auth/setup-code.js';
import { freePort } from './support/free-port.js';

// The container image as packaging/image/build.sh makes it, built and run on the private engine
// with that engine's socket mounted, the way packaging/docker-compose.yml runs it — except that
// here the container shares the machine's network and serves loopback only (HM_HOST=127.0.0.1).

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const PREFIX = `hmt-image-${process.pid}-`;
const TAG = `${PREFIX}img:test`;
const DATA_VOLUME = `${PREFIX}data`;
const ADMIN = { username: 'admin', password: 'correct horse battery' };
const UID = '10001';

let dockerHost: string;
let socketGid: number;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the packaging tests through npm test`);
  return value;
}

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    env: { ...process.env, DOCKER_HOST: dockerHost },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

/** `docker logs` of a container: the daemon's stdout (JSON log) and stderr (operator lines) together. */
async function logsOf(container: string): Promise<string> {
  const { stdout, stderr } = await run('docker', ['logs', container], {
    env: { ...process.env, DOCKER_HOST: dockerHost },
    maxBuffer: 64 * 1024 * 1024,
  });
  return `${stdout}${stderr}`;
}

/** Polls `probe` until it gives a value; on time-out `what` says what was awaited and what was seen. */
async function until<T>(
  what: () => Promise<string> | string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${await what()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A Harbourmaster container on the shared data volume, serving 127.0.0.1:port on the host network. */
interface Panel {
  name: string;
  url: string;
}

async function startPanel(name: string, extra: string[] = []): Promise<Panel> {
  const port = await freePort();
  const socket = dockerHost.replace(/^unix:\/\//, '');
  await docker(
    'run',
    '--detach',
    '--name',
    name,
    '--network',
    'host',
    '--env',
    'HM_HOST=127.0.0.1',
    '--env',
    `HM_PORT=${port}`,
    '--volume',
    `${socket}:/var/run/docker.sock`,
    '--group-add',
    String(socketGid),
    '--volume',
    `${DATA_VOLUME}:/var/lib/harbourmaster`,
    ...extra,
    TAG,
  );
  const panel = { name, url: `http://127.0.0.1:${port}` };
  await until(
    async () => `${name} to answer /api/health; its logs:\n${(await logsOf(name)).slice(-3000)}`,
    async () => ((await fetch(`${panel.url}/api/health`)).ok ? true : undefined),
  );
  return panel;
}

/** A POST, with a JSON body when there is one. */
async function post(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  if (body === undefined) return fetch(url, { method: 'POST', headers });
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

let buildSeconds: number;
let panel: Panel;
let session: { cookie: string; csrfToken: string };

beforeAll(async () => {
  dockerHost = requiredEnv('HM_TEST_DOCKER_HOST');
  const stage = requiredEnv('HM_STAGE_DIR');
  if (!dockerHost.startsWith('unix://')) throw new Error('HM_TEST_DOCKER_HOST must be a unix socket');
  socketGid = statSync(dockerHost.slice('unix://'.length)).gid;
  const started = Date.now();
  await run(join(REPO, 'packaging/image/build.sh'), [stage, TAG], {
    env: { ...process.env, DOCKER_HOST: dockerHost },
    maxBuffer: 64 * 1024 * 1024,
  });
  buildSeconds = (Date.now() - started) / 1000;
  // The first container runs the image's own health check every 2 s instead of every 30 s.
  panel = await startPanel(`${PREFIX}a`, ['--health-interval', '2s']);
});

afterAll(async () => {
  if (!dockerHost) return;
  const ids = (await docker('ps', '-aq', '--filter', `name=^/${PREFIX}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await docker('rm', '-f', ...ids);
  await docker('volume', 'rm', '-f', DATA_VOLUME);
  await docker('image', 'rm', '-f', TAG).catch(() => '');
});

describe('the container image', () => {
  it('is built here, runs as the non-root user harbourmaster, and carries the Compose CLI', async () => {
    const config = JSON.parse(await docker('image', 'inspect', '--format', '{{json .Config}}', TAG)) as {
      User: string;
      Env: string[];
      ExposedPorts: Record<string, unknown>;
      Volumes: Record<string, unknown>;
      Labels: Record<string, string>;
      Entrypoint: string[];
      Healthcheck: { Test: string[] };
    };
    expect(config.User).toBe(`${UID}:${UID}`);
    expect(config.Env).toEqual(
      expect.arrayContaining(['HM_HOST=0.0.0.0', 'HM_PORT=9090', 'HM_DATA_DIR=/var/lib/harbourmaster']),
    );
    expect(Object.keys(config.ExposedPorts)).toEqual(['9090/tcp']);
    expect(Object.keys(config.Volumes)).toEqual(['/var/lib/harbourmaster']);
    expect(config.Entrypoint).toEqual(['/opt/harbourmaster/bin/harbourmaster']);
    expect(config.Labels).toMatchObject({
      'org.opencontainers.image.title': 'Harbourmaster',
      'org.opencontainers.image.version': VERSION,
      'org.opencontainers.image.licenses': 'MIT',
    });
    expect(config.Healthcheck.Test.slice(0, 2)).toEqual(['CMD', '/opt/harbourmaster/bin/node']);

    expect(await docker('exec', panel.name, 'id', '-u')).toBe(UID);
    expect(await docker('exec', panel.name, 'id', '-un')).toBe('harbourmaster');
    // The data it wrote belongs to the user; the program is root's and read-only to it.
    expect(await docker('exec', panel.name, 'stat', '-c', '%u', '/var/lib/harbourmaster/secret.key')).toBe(
      UID,
    );
    await expect(
      docker('exec', panel.name, 'test', '-w', '/opt/harbourmaster/lib/main.js'),
    ).rejects.toThrow();
    expect(await docker('exec', panel.name, 'docker-compose', 'version')).toMatch(
      /^docker-compose version 1\./,
    );

    const size = Number(await docker('image', 'inspect', '--format', '{{.Size}}', TAG));
    console.log(`image ${TAG}: ${(size / 1e6).toFixed(1)} MB, built in ${buildSeconds.toFixed(1)} s`);
  });

  it('serves the panel and reaches the engine through the mounted socket', async () => {
    const page = await fetch(`${panel.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/<!doctype html>/i);
    const health = (await (await fetch(`${panel.url}/api/health`)).json()) as {
      status: string;
      version: string;
      hosts: { id: string; reachable: boolean }[];
    };
    expect(health).toMatchObject({ status: 'ok', version: VERSION });
    expect(health.hosts).toEqual([expect.objectContaining({ id: 'local', reachable: true })]);
  });

  it('shows the setup code in docker logs, and the code creates the first admin once', async () => {
    const code = SETUP_CODE_PATTERN.exec(await logsOf(panel.name))?.[1];
    expect(code, 'a setup code in docker logs').toBeDefined();
    const body = { ...ADMIN, setupCode: code };
    const first = await post(`${panel.url}/api/auth/setup`, body);
    expect(first.status).toBe(201);
    session = {
      cookie: cookieOf(first),
      csrfToken: ((await first.json()) as { csrfToken: string }).csrfToken,
    };
    const again = await post(`${panel.url}/api/auth/setup`, { ...body, username: 'mallory' });
    expect(again.status).toBe(409);
    expect((await (await fetch(`${panel.url}/api/auth/status`)).json()) as object).toEqual({
      setupRequired: false,
    });
  });

  it('lists and stops a container on the same engine from inside', async () => {
    const target = `${PREFIX}target`;
    const id = await docker(
      'run',
      '--detach',
      '--name',
      target,
      '--network',
      'none',
      process.env.HM_TEST_IMAGE ?? 'local/busybox:1',
      // A shell as PID 1 ignores SIGTERM unless it traps it; then stop is quick, not its 10 s timeout.
      'sh',
      '-c',
      'trap "exit 0" TERM; while :; do sleep 1; done',
    );
    const listed = await until(
      () => `${target} in GET /api/containers`,
      async () => {
        const res = await fetch(`${panel.url}/api/containers`, { headers: { cookie: session.cookie } });
        const { containers } = (await res.json()) as {
          containers: { id: string; name: string; state: string }[];
        };
        return containers.find((c) => c.name === target && c.state === 'running');
      },
    );
    expect(listed.id).toBe(id);
    const stop = await post(`${panel.url}/api/hosts/local/containers/${id}/stop`, undefined, {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    });
    expect(stop.status).toBe(200);
    expect(await docker('inspect', '--format', '{{.State.Running}}', target)).toBe('false');
  });

  it("turns healthy by the image's own HEALTHCHECK", async () => {
    const health = await until(
      async () =>
        `healthy; last: ${await docker('inspect', '--format', '{{json .State.Health}}', panel.name)}`,
      async () => {
        const status = await docker('inspect', '--format', '{{.State.Health.Status}}', panel.name);
        return status === 'healthy' ? status : undefined;
      },
      60_000,
    );
    expect(health).toBe('healthy');
  });

  it('keeps its data when the container is recreated on the same volume', async () => {
    // docker stop sends SIGTERM to the daemon (PID 1 through the launcher's exec): a clean exit.
    await docker('stop', '--time', '15', panel.name);
    expect(await docker('inspect', '--format', '{{.State.ExitCode}}', panel.name)).toBe('0');
    await docker('rm', panel.name);

    const again = await startPanel(`${PREFIX}b`);
    expect(await logsOf(again.name)).not.toMatch(SETUP_CODE_PATTERN);
    const status = (await (await fetch(`${again.url}/api/auth/status`)).json()) as object;
    expect(status).toEqual({ setupRequired: false });
    const login = await post(`${again.url}/api/auth/login`, ADMIN);
    expect(login.status).toBe(200);
    const wrong = await post(`${again.url}/api/auth/login`, { ...ADMIN, password: 'not the password' });
    expect(wrong.status).toBe(401);
  });
});

describe('packaging/docker-compose.yml', () => {
  const composeRun = (env: string[]) =>
    docker(
      'run',
      '--rm',
      '--network',
      'none',
      '--entrypoint',
      'docker-compose',
      '--volume',
      `${join(REPO, 'packaging/docker-compose.yml')}:/compose/docker-compose.yml:ro`,
      ...env,
      TAG,
      '--file',
      '/compose/docker-compose.yml',
      'config',
    );

  it('is valid for the Compose CLI in the image: loopback port, socket, data volume, socket group', async () => {
    const config = await composeRun(['--env', `DOCKER_GID=${socketGid}`]);
    expect(config).toContain('image: harbourmaster:latest');
    expect(config).toMatch(/host_ip: 127\.0\.0\.1|127\.0\.0\.1:9090:9090/);
    expect(config).toContain('/var/run/docker.sock:/var/run/docker.sock');
    expect(config).toMatch(/harbourmaster-data:\/var\/lib\/harbourmaster/);
    expect(config).toContain(`- '${socketGid}'`);
    expect(config).toContain('restart: unless-stopped');
  });

  it('refuses to start without the socket group, and says how to find it', async () => {
    await expect(composeRun([])).rejects.toThrow(/stat -c %g \/var\/run\/docker\.sock/);
  });
});
