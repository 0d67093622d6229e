import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EngineError, EngineProtocolError, EngineUnreachableError } from './engine-errors.js';
import { HttpDockerEngine } from './http-engine.js';
import { HttpTransport } from './http-transport.js';

// A fake engine on a unix socket: enough HTTP to check what the client sends and how it reads answers.
const dir = mkdtempSync(join(tmpdir(), 'hm-fake-engine-'));
const socketPath = join(dir, 'docker.sock');
const requests: string[] = [];
let server: http.Server | undefined;
let engine: HttpDockerEngine | undefined;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(
  apiVersion: string,
  handler: Handler = (_req, res) => res.end('[]'),
): Promise<HttpDockerEngine> {
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url === '/version') res.end(JSON.stringify({ ApiVersion: apiVersion, Version: 'fake' }));
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
  engine ??= new HttpDockerEngine({ kind: 'unix', socketPath });
  return engine;
}

async function shutdown(): Promise<void> {
  const current = server;
  server = undefined;
  if (current === undefined) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
}

afterEach(async () => {
  await shutdown();
  await engine?.close();
  engine = undefined;
  requests.length = 0;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HttpDockerEngine against a fake engine', () => {
  it.each([
    ['1.53', '1.51'],
    ['1.51', '1.51'],
    ['1.43', '1.43'],
    ['1.40', '1.40'],
  ])('an engine speaking %s is addressed as v%s, negotiated once', async (offered, used) => {
    const e = await serve(offered);
    await e.listImages();
    await e.listNetworks();
    expect(await e.apiVersion()).toBe(used);
    expect(requests).toEqual(['GET /version', `GET /v${used}/images/json`, `GET /v${used}/networks`]);
  });

  it('negotiates again after the engine was lost, so an upgraded engine is spoken to in its version', async () => {
    const e = await serve('1.41');
    await e.listImages();
    await shutdown();
    await expect(e.listImages()).rejects.toThrow(EngineUnreachableError);
    await serve('1.47');
    await e.listImages();
    expect(requests.filter((r) => r.includes('images'))).toEqual([
      'GET /v1.41/images/json',
      'GET /v1.47/images/json',
    ]);
  });

  it('encodes filters as JSON and ids as path segments', async () => {
    const e = await serve('1.41');
    await e.listContainers({ all: true, filters: { label: ['a=b c'], status: ['running'] } });
    await e.removeImage('127.0.0.1:5000/x/y:1', { force: true });
    const [, list, remove] = requests;
    const url = new URL(list!.split(' ')[1]!, 'http://x');
    expect(url.pathname).toBe('/v1.41/containers/json');
    expect(url.searchParams.get('all')).toBe('true');
    expect(JSON.parse(url.searchParams.get('filters')!)).toEqual({ label: ['a=b c'], status: ['running'] });
    expect(remove).toBe('DELETE /v1.41/images/127.0.0.1%3A5000/x/y%3A1?force=true');
  });

  it('sends ids and names as one escaped segment and never a dot segment', async () => {
    const e = await serve('1.41', (_req, res) => res.end('{}'));
    await e.removeVolume('../volumes/x');
    await e.removeNetwork('a/b?c');
    await e.inspectContainer('x#y');
    await expect(e.removeImage('../volumes/x')).rejects.toThrow(EngineError);
    await expect(e.removeVolume('..')).rejects.toThrow(EngineError);
    await expect(e.inspectImage('a/./b')).rejects.toThrow(EngineError);
    expect(requests).toEqual([
      'GET /version',
      'DELETE /v1.41/volumes/..%2Fvolumes%2Fx',
      'DELETE /v1.41/networks/a%2Fb%3Fc',
      'GET /v1.41/containers/x%23y/json',
    ]);
  });

  it("turns error answers into EngineError with the engine's message", async () => {
    const e = await serve('1.41', (req, res) => {
      res.statusCode = req.url!.includes('plain') ? 502 : 404;
      res.end(req.url!.includes('plain') ? 'Bad Gateway' : '{"message":"No such container: x"}');
    });
    const missing = await e.inspectContainer('x').catch((err: unknown) => err);
    expect(missing).toBeInstanceOf(EngineError);
    expect(missing).toMatchObject({ statusCode: 404, message: 'No such container: x' });
    await expect(e.inspectContainer('plain')).rejects.toMatchObject({
      statusCode: 502,
      message: 'Bad Gateway',
    });
  });

  it('treats 304 from start and stop as done', async () => {
    const e = await serve('1.41', (_req, res) => {
      res.statusCode = 304;
      res.end();
    });
    await expect(e.startContainer('c')).resolves.toBeUndefined();
    await expect(e.stopContainer('c', { timeoutSeconds: 3 })).resolves.toBeUndefined();
    expect(requests.at(-1)).toBe('POST /v1.41/containers/c/stop?t=3');
  });

  it('pulls by repository and tag and throws on an error message inside the stream', async () => {
    const e = await serve('1.41', (_req, res) => {
      res.write(
        '{"status":"Pulling from x/y","id":"1"}\r\n{"status":"Downloading","id":"abc","progressDetail":',
      );
      res.end(
        '{"current":1,"total":2}}\r\n{"errorDetail":{"message":"unauthorized"},"error":"unauthorized"}\r\n',
      );
    });
    const seen: string[] = [];
    const pulling = (async () => {
      for await (const p of e.pullImage('127.0.0.1:5000/x/y:1')) seen.push(p.status);
    })();
    await expect(pulling).rejects.toMatchObject({
      message: 'Pulling 127.0.0.1:5000/x/y:1 failed: unauthorized',
    });
    expect(seen).toEqual(['Pulling from x/y', 'Downloading']);
    expect(requests.at(-1)).toBe('POST /v1.41/images/create?fromImage=127.0.0.1%3A5000%2Fx%2Fy&tag=1');
  });

  it('signals a subscription before the first event and keeps timeNano exact', async () => {
    let answer: http.ServerResponse | undefined;
    const e = await serve('1.41', (_req, res) => {
      res.flushHeaders();
      answer = res;
    });
    let connected = false;
    const events = e.events({ since: '1.5', onConnected: () => (connected = true) });
    const iterator = events[Symbol.asyncIterator]();
    const first = iterator.next();
    await expect.poll(() => connected).toBe(true);
    answer!.end(
      '{"Type":"container","Action":"start","Actor":{"ID":"c","Attributes":{}},"time":1,"timeNano":1700000000123456789}\n',
    );
    const result = await first;
    if (result.done) throw new Error('the stream ended before the event');
    expect(result.value.timeNanoText).toBe('1700000000123456789');
    expect(await iterator.next()).toMatchObject({ done: true });
    expect(requests.at(-1)).toBe('GET /v1.41/events?since=1.5');
  });

  it('ends reads and changes stuck in the engine at their own deadlines', async () => {
    await serve('1.41', () => {});
    const e = new HttpDockerEngine({ kind: 'unix', socketPath }, { readMs: 150, mutationMs: 300 });
    try {
      let started = performance.now();
      await expect(e.listVolumes()).rejects.toThrow(
        /did not answer GET \/v1.41\/volumes: no answer within 150 ms/,
      );
      expect(performance.now() - started).toBeLessThan(1_000);
      started = performance.now();
      await expect(e.createVolume({ Name: 'v', Driver: 'x' })).rejects.toThrow(/no answer within 300 ms/);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await e.close();
    }
  });

  it('answers a call while others hang or stream, whatever their number', async () => {
    const open: http.ServerResponse[] = [];
    const e = await serve('1.41', (req, res) => {
      if (req.url!.startsWith('/v1.41/volumes?')) return void res.end('{"Volumes":[]}');
      // Everything else hangs: a follower's stream (headers sent) or a call the engine is stuck on.
      if (req.url!.includes('logs')) res.flushHeaders();
      open.push(res);
    });
    const streams = await Promise.all(
      Array.from({ length: 40 }, (_, i) => e.containerLogs(`c${i}`, { follow: true })),
    );
    const stuck = e.createVolume({ Name: 'slow', Driver: 'x' }).catch(() => undefined);
    await expect.poll(() => open.length).toBe(41);
    const started = performance.now();
    await expect(e.listVolumes({ filters: { name: ['x'] } })).resolves.toEqual([]);
    expect(performance.now() - started).toBeLessThan(1_000);
    for (const s of streams) s.destroy();
    await shutdown();
    await stuck;
  });

  it('reports a missing socket as unreachable, naming it', async () => {
    const e = HttpDockerEngine.fromUrl(`unix://${dir}/absent.sock`);
    await expect(e.ping()).rejects.toThrow(`Docker engine socket unix://${dir}/absent.sock does not exist`);
    await e.close();
  });
});

describe('HttpTransport', () => {
  it('reports an answer that is not JSON as a protocol error, naming the request', async () => {
    await serve('1.41', (_req, res) => res.end('<html>proxy error</html>'));
    const transport = new HttpTransport({ kind: 'unix', socketPath });
    const err = await transport.json({ path: '/v1.41/info' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineProtocolError);
    expect((err as Error).message).toMatch(/answered GET \/v1.41\/info with something that is not JSON/);
    transport.close();
  });

  it('gives up on a silent engine after the timeout', async () => {
    await serve('1.41', () => {});
    const transport = new HttpTransport({ kind: 'unix', socketPath });
    await expect(transport.json({ path: '/hang', timeoutMs: 100 })).rejects.toThrow(
      /did not answer GET \/hang: no answer within 100 ms/,
    );
    transport.close();
  });

  async function readAll(stream: Duplex): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  }

  it('hands over the upgraded connection both ways', async () => {
    await serve('1.41');
    server!.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
      expect(req.headers.upgrade).toBe('tcp');
      socket.write('HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nhello ');
      socket.once('data', (input: Buffer) => socket.end(`you said ${input.toString()}`));
    });
    const transport = new HttpTransport({ kind: 'unix', socketPath });
    const stream = await transport.upgrade({
      method: 'POST',
      path: '/exec/x/start',
      body: { Detach: false },
    });
    stream.write('ping');
    expect(await readAll(stream)).toBe('hello you said ping');
    transport.close();
  });

  it('reads the output of an engine that answers 200 instead of upgrading', async () => {
    await serve('1.41', (_req, res) => res.end('plain output'));
    const transport = new HttpTransport({ kind: 'unix', socketPath });
    const stream = await transport.upgrade({ method: 'POST', path: '/exec/x/start', body: {} });
    expect(await readAll(stream)).toBe('plain output');
    transport.close();
  });
});
