import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { freePort } from './support/free-port.js';

// The shipped Caddyfile in front of the daemon the way packaging/stage.sh lays it out: Caddy's
// internal CA, HTTPS on loopback, HM_TRUST_PROXY=loopback. The client trusts only Caddy's root, so
// every request below also proves the certificate chain; nothing turns verification off.

const REPO = resolve(import.meta.dirname, '../..');
const SHIPPED = join(REPO, 'packaging/caddy/Caddyfile');
const SETUP_CODE = /Setup code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/;
const SPOOFED_IP = '203.0.113.9';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  issuer: string;
}

interface Proc {
  child: ChildProcess;
  output: () => string;
}

let work: string;
let daemon: Proc;
let caddy: Proc;
let daemonPort: number;
let httpsPort: number;
let httpPort: number;
let rootCa: Buffer;
let setupCode: string;

/** Polls `probe` until it gives a value; `what` is read only on time-out, to show output so far. */
async function until<T>(what: () => string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

/** Ends a process this test started, by its PID; SIGKILL if it outlives ten seconds. */
async function stop(proc: Proc | undefined): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.child.once('exit', () => r()));
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The daemon as an install runs it: the staged launcher, or the repo's build without a stage. */
function daemonCommand(): [string, string[]] {
  const stage = process.env.HM_STAGE_DIR;
  if (stage) return [join(resolve(stage), 'bin/harbourmaster'), []];
  return [process.execPath, [join(REPO, 'apps/server/dist/main.js')]];
}

/**
 * The shipped Caddyfile with only what a test box needs added to its global options: ports of
 * its own, loopback only, no admin endpoint. The site block is used exactly as shipped.
 */
function testCaddyfile(): string {
  const shipped = readFileSync(SHIPPED, 'utf8');
  // Without it Caddy would try to add its root to this machine's trust store.
  expect(shipped).toMatch(/^\s*skip_install_trust$/m);
  const globalBlock = /^\{$/m;
  expect(shipped).toMatch(globalBlock);
  const added = ['admin off', `http_port ${httpPort}`, `https_port ${httpsPort}`, 'default_bind 127.0.0.1'];
  return shipped.replace(globalBlock, `{\n${added.map((l) => `\t${l}`).join('\n')}`);
}

/** One HTTPS request to Caddy as a browser would make it to https://localhost:<port>. */
function https(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const options: RequestOptions = {
    host: 'localhost',
    family: 4,
    port: httpsPort,
    path,
    method: opts.method ?? 'GET',
    ca: rootCa,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
  };
  return new Promise<Reply>((done, fail) => {
    const req = request(options, (res) => {
      const issuer = [(res.socket as TLSSocket).getPeerCertificate().issuer?.CN ?? []].flat().join(', ');
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text, issuer }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

function sessionCookie(reply: { headers: Reply['headers'] | Headers }): string {
  const raw = reply.headers instanceof Headers ? reply.headers.getSetCookie() : reply.headers['set-cookie'];
  const cookie = [raw ?? []].flat().find((c) => c.startsWith('hm_session='));
  if (!cookie) throw new Error('no session cookie was set');
  return cookie;
}

const attributes = (cookie: string) => cookie.split(';').map((p) => p.trim().toLowerCase());

/** How a WebSocket handshake to /api/ws through Caddy ends: 'open' or the refusal's status. */
function openSocket(headers: Record<string, string>): Promise<'open' | number> {
  const ws = new WebSocket(`wss://localhost:${httpsPort}/api/ws`, { ca: rootCa, family: 4, headers });
  return new Promise((done, fail) => {
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', topics: ['containers'] }));
      ws.once('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { type: string };
        ws.close();
        if (message.type === 'subscribed') done('open');
        else fail(new Error(`unexpected first message: ${data.toString()}`));
      });
    });
    ws.once('unexpected-response', (_req, res) => {
      done(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', fail);
  });
}

beforeAll(async () => {
  const dockerHost = process.env.HM_TEST_DOCKER_HOST;
  if (!dockerHost)
    throw new Error('HM_TEST_DOCKER_HOST is not set: run the packaging tests through npm test');
  work = mkdtempSync(join(process.env.HM_PACKAGING_WORK ?? tmpdir(), 'hm-caddy-'));
  [daemonPort, httpsPort, httpPort] = [await freePort(), await freePort(), await freePort()];

  const [command, args] = daemonCommand();
  daemon = start(command, args, {
    ...process.env,
    HM_HOST: '127.0.0.1',
    HM_PORT: String(daemonPort),
    HM_DATA_DIR: join(work, 'data'),
    HM_TRUST_PROXY: 'loopback',
    HM_LOG_LEVEL: 'warn',
    DOCKER_HOST: dockerHost,
  });
  setupCode = await until(
    () => `the setup code on the daemon's console; it printed:\n${daemon.output()}`,
    () => SETUP_CODE.exec(daemon.output())?.[1],
  );

  const caddyHome = join(work, 'caddy');
  mkdirSync(caddyHome);
  const caddyfile = join(work, 'Caddyfile');
  writeFileSync(caddyfile, testCaddyfile());
  caddy = start('caddy', ['run', '--adapter', 'caddyfile', '--config', caddyfile], {
    PATH: process.env.PATH,
    // Caddy's storage (its CA, certificates) and autosaved config go here, not under /root.
    HOME: caddyHome,
    XDG_DATA_HOME: join(caddyHome, 'data'),
    XDG_CONFIG_HOME: join(caddyHome, 'config'),
    HM_DOMAIN: 'localhost',
    HM_UPSTREAM: `127.0.0.1:${daemonPort}`,
  });
  const rootPath = join(caddyHome, 'data/caddy/pki/authorities/local/root.crt');
  await until(
    () => `Caddy's root CA; Caddy printed:\n${caddy.output()}`,
    () => existsSync(rootPath) || undefined,
  );
  rootCa = readFileSync(rootPath);
  await until(
    () => `the panel through Caddy; Caddy printed:\n${caddy.output()}`,
    () =>
      https('/api/health').then(
        (r) => (r.status === 200 ? r : undefined),
        () => undefined,
      ),
  );
});

afterAll(async () => {
  await stop(caddy);
  await stop(daemon);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('HTTPS with Caddy in front (packaging/caddy/Caddyfile, tls internal)', () => {
  it("answers over HTTPS with a certificate from Caddy's local CA, and sends plain HTTP there", async () => {
    const health = await https('/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    expect(health.issuer).toMatch(/Caddy Local Authority/);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');

    // fetch cannot set Host; a browser asking for http://localhost/ sends exactly this.
    const plain = await new Promise<IncomingMessage>((done, fail) =>
      httpGet(
        { host: '127.0.0.1', port: httpPort, path: '/api/health', headers: { host: 'localhost' } },
        done,
      ).on('error', fail),
    );
    plain.resume();
    expect(plain.statusCode).toBe(308);
    // Caddy 2.6 leaves a non-default HTTPS port out of the redirect; on a real box it is 443 anyway.
    expect(plain.headers.location).toMatch(/^https:\/\/localhost(:\d+)?\/api\/health$/);
  });

  it('needs the printed setup code, and the code creates one admin only', async () => {
    const user = { username: 'admin', password: 'long enough pw' };
    const missing = await https('/api/auth/setup', { method: 'POST', body: user });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ field: 'body.setupCode' });
    const wrong = await https('/api/auth/setup', {
      method: 'POST',
      body: { ...user, setupCode: 'AAAA-BBBB-CCCC' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const done = await https('/api/auth/setup', { method: 'POST', body: { ...user, setupCode } });
    expect(done.status).toBe(201);
    expect(attributes(sessionCookie(done))).toEqual(
      expect.arrayContaining(['secure', 'httponly', 'samesite=strict']),
    );

    const again = await https('/api/auth/setup', {
      method: 'POST',
      body: { username: 'second', password: 'long enough pw', setupCode },
    });
    expect(again.status).toBe(409);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it("signs in with a Secure cookie and records Caddy's view of the client, not a header it sent", async () => {
    const login = await https('/api/auth/login', {
      method: 'POST',
      headers: { 'x-forwarded-for': SPOOFED_IP },
      body: { username: 'admin', password: 'long enough pw' },
    });
    expect(login.status).toBe(200);
    const cookie = sessionCookie(login);
    expect(attributes(cookie)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict']));

    const audit = await https('/api/audit?action=auth.login', {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(audit.status).toBe(200);
    const entries = (JSON.parse(audit.body) as { entries: { ip: string | null }[] }).entries;
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.ip).toBe('127.0.0.1');
  });

  it('opens the live WebSocket over wss with the session cookie, and only with it', async () => {
    const login = await https('/api/auth/login', {
      method: 'POST',
      body: { username: 'admin', password: 'long enough pw' },
    });
    const cookie = sessionCookie(login).split(';')[0] ?? '';
    const origin = `https://localhost:${httpsPort}`;
    expect(await openSocket({ cookie, origin })).toBe('open');
    expect(await openSocket({ origin })).toBe(401);
    expect(await openSocket({ cookie, origin: 'https://elsewhere.example' })).toBe(403);
  });

  it('the daemon reached directly over plain HTTP sets no Secure cookie: only the proxy says HTTPS', async () => {
    const direct = await fetch(`http://127.0.0.1:${daemonPort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'long enough pw' }),
    });
    expect(direct.status).toBe(200);
    const parts = attributes(sessionCookie(direct));
    expect(parts).toContain('httponly');
    expect(parts).not.toContain('secure');
  });
});

describe('packaging/caddy/Caddyfile.acme', () => {
  it('adapts to an ACME certificate for the domain with the email, proxying to the daemon on loopback', () => {
    const adapted = spawnSync(
      'caddy',
      ['adapt', '--adapter', 'caddyfile', '--config', join(REPO, 'packaging/caddy/Caddyfile.acme')],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HM_DOMAIN: 'hm.example.org', HM_ACME_EMAIL: 'you@example.org' },
      },
    );
    expect(adapted.status, adapted.stderr).toBe(0);
    const config = JSON.parse(adapted.stdout) as {
      apps: {
        tls: {
          automation: { policies: { subjects: string[]; issuers: { module: string; email?: string }[] }[] };
        };
      };
    };
    const [policy] = config.apps.tls.automation.policies;
    expect(policy?.subjects).toEqual(['hm.example.org']);
    expect(policy?.issuers).toContainEqual({ module: 'acme', email: 'you@example.org' });
    expect(policy?.issuers.map((i) => i.module)).not.toContain('internal');
    expect(adapted.stdout).toContain('"dial":"127.0.0.1:9090"');
  });
});
