import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { HttpDockerEngine } from '../src/http-engine.js';
import { EngineUnreachableError } from '../src/engine-errors.js';
import { testEnv } from './int-env.js';

// A TCP listener on 127.0.0.1 that demands a client certificate and relays to the test engine's
// socket: the real engine, reached the way a remote `tcp://host:2376` engine with --tlsverify is.
const dir = mkdtempSync(join(tmpdir(), 'hm-tls-'));
const client = join(dir, 'client');
const stranger = join(dir, 'stranger');
let server: Server;
let port = 0;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A CA, a server certificate for 127.0.0.1, and client pairs signed by it (and one that is not). */
function makeCertificates(): void {
  execFileSync('mkdir', ['-p', client, stranger]);
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca-key.pem',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=hm-test-ca',
  );
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server-key.pem',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.cnf',
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'client/key.pem',
    '-out',
    'client.csr',
    '-subj',
    '/CN=harbourmaster',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-out',
    'client/cert.pem',
    '-days',
    '2',
  );
  execFileSync('cp', [join(dir, 'ca.pem'), join(client, 'ca.pem')]);
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'stranger/key.pem',
    '-out',
    'stranger/cert.pem',
    '-days',
    '2',
    '-subj',
    '/CN=stranger',
  );
  execFileSync('cp', [join(dir, 'ca.pem'), join(stranger, 'ca.pem')]);
}

beforeAll(async () => {
  makeCertificates();
  const socketPath = testEnv.dockerHost.replace(/^unix:\/\//, '');
  server = createServer(
    {
      key: readFileSync(join(dir, 'server-key.pem')),
      cert: readFileSync(join(dir, 'server.pem')),
      ca: readFileSync(join(dir, 'ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (tlsSocket) => {
      const upstream = createConnection(socketPath);
      tlsSocket.pipe(upstream).pipe(tlsSocket);
      tlsSocket.on('error', () => upstream.destroy());
      upstream.on('error', () => tlsSocket.destroy());
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('TCP with TLS client certificates', () => {
  it('negotiates the version and lists containers over mutual TLS', async () => {
    const engine = HttpDockerEngine.fromUrl(`tcp://127.0.0.1:${port}`, { verify: true, certPath: client });
    try {
      expect(await engine.apiVersion()).toMatch(/^1\.\d+$/);
      expect((await engine.version()).Version).toBeTruthy();
      expect(Array.isArray(await engine.listContainers({ all: true }))).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('is refused with a client certificate the engine does not trust', async () => {
    const engine = HttpDockerEngine.fromUrl(`tcp://127.0.0.1:${port}`, { verify: true, certPath: stranger });
    try {
      await expect(engine.ping()).rejects.toBeInstanceOf(EngineUnreachableError);
    } finally {
      await engine.close();
    }
  });
});
