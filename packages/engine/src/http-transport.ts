import http from 'node:http';
import type Https from 'node:https';
import { Duplex, PassThrough, Writable, type Readable } from 'node:stream';
import { describeDockerHost, type DockerHostAddress } from './docker-host.js';
import { EngineProtocolError } from './engine-errors.js';
import { RequestTimeoutError, isAbortError, toEngineError, toUnreachableError } from './transport-errors.js';

/** Query parameter values; objects (filters) are sent as JSON, `undefined` is left out. */
export type QueryValue = string | number | boolean | undefined | Record<string, string[]>;

/** One request to the engine. `path` is absolute and already versioned where needed. */
export interface EngineRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Longest silence allowed before the answer (and, for buffered requests, its body) arrives. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The silence allowed when a request names none; callers give shorter ones for plain reads. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** TLS costs the process about 5 MB once loaded, so it is loaded only for an engine reached over TLS. */
const tlsHttp = (): typeof Https => process.getBuiltinModule('node:https');

/** Builds `?a=1&filters=…`; filters go as the JSON the Engine API expects. */
export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * HTTP to one engine over a unix socket or TCP(+TLS), with pooled keep-alive connections. Every
 * socket-level failure becomes `EngineUnreachableError`, every HTTP error status `EngineError`.
 */
export class HttpTransport {
  private readonly agent: http.Agent;
  /** The engine's address for messages, e.g. `unix:///var/run/docker.sock`. */
  readonly address: string;

  constructor(
    private readonly host: DockerHostAddress,
    /** Called whenever the engine could not be reached, so callers can drop per-connection state. */
    private readonly onUnreachable: () => void = () => {},
  ) {
    this.address = describeDockerHost(host);
    // No cap on sockets: log and event streams hold theirs for hours, and a capped pool would make
    // every other call queue behind them (or behind one slow call). Idle ones are kept for reuse.
    const pool: http.AgentOptions = { keepAlive: true, maxSockets: Infinity, maxFreeSockets: 16 };
    this.agent =
      host.kind === 'tcp' && host.tls
        ? new (tlsHttp().Agent)({ ...pool, ...host.tls })
        : new http.Agent(pool);
  }

  /** Sends a request and returns the parsed JSON answer (`undefined` for an empty body). */
  async json<T>(req: EngineRequest): Promise<T> {
    const body = await this.buffer(req);
    if (body.length === 0) return undefined as T;
    try {
      return JSON.parse(body.toString('utf8')) as T;
    } catch (err) {
      throw new EngineProtocolError(
        `Docker engine at ${this.address} answered ${describe(req)} with something that is not JSON`,
        { cause: err },
      );
    }
  }

  /** Sends a request and returns the raw answer body. */
  async buffer(req: EngineRequest): Promise<Buffer> {
    const res = await this.send(req, true);
    try {
      return await readAll(res);
    } catch (err) {
      throw this.fail(err, req);
    }
  }

  /**
   * Sends a request and hands over the answer body as a stream, with no timeout once it has begun.
   * A connection lost mid-stream errors the stream with `EngineUnreachableError`; destroying the
   * stream closes the connection.
   */
  async stream(req: EngineRequest): Promise<Readable> {
    const res = await this.send(req, false);
    const out = new PassThrough();
    res.on('error', (err) => out.destroy(this.fail(err, req)));
    out.on('close', () => {
      if (!res.complete) res.destroy();
    });
    return res.pipe(out);
  }

  /**
   * Sends a request that asks the engine to hijack the connection (exec start, attach) and returns
   * the raw bidirectional stream. Engines behind proxies that do not upgrade answer 200 instead;
   * then the body is the output and stdin is unavailable.
   */
  upgrade(req: EngineRequest): Promise<Duplex> {
    return new Promise<Duplex>((resolve, reject) => {
      const outgoing = this.open({
        ...req,
        headers: { ...req.headers, Connection: 'Upgrade', Upgrade: 'tcp' },
      });
      outgoing.on('upgrade', (_res, socket, head) => {
        socket.setTimeout(0);
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      outgoing.on('response', (res) => {
        outgoing.setTimeout(0);
        this.checkStatus(res, req).then(() => resolve(readOnlyDuplex(res)), reject);
      });
      outgoing.on('error', (err) => reject(this.fail(err, req)));
      outgoing.end(serializeBody(req.body));
    });
  }

  /** Closes pooled connections; streams already handed out stay open until they end. */
  close(): void {
    this.agent.destroy();
  }

  private send(req: EngineRequest, keepTimeout: boolean, retried = false): Promise<http.IncomingMessage> {
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const outgoing = this.open(req);
      outgoing.on('response', (res) => {
        if (!keepTimeout) outgoing.setTimeout(0);
        this.checkStatus(res, req).then(() => resolve(res), reject);
      });
      outgoing.on('error', (err) => {
        // A pooled connection the engine closed while idle fails at once; the request never reached
        // the engine, so one retry on a fresh connection is safe for reads.
        const stale = outgoing.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET';
        if (stale && !retried && (req.method ?? 'GET') === 'GET') {
          this.send(req, keepTimeout, true).then(resolve, reject);
          return;
        }
        reject(this.fail(err, req));
      });
      outgoing.end(serializeBody(req.body));
    });
  }

  private open(req: EngineRequest): http.ClientRequest {
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    const options: http.RequestOptions = {
      agent: this.agent,
      method: req.method ?? 'GET',
      path: req.path + encodeQuery(req.query),
      headers,
      signal: req.signal,
    };
    if (this.host.kind === 'unix') options.socketPath = this.host.socketPath;
    else {
      options.host = this.host.host;
      options.port = this.host.port;
    }
    const outgoing = (this.host.kind === 'tcp' && this.host.tls ? tlsHttp() : http).request(options);
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new RequestTimeoutError(timeoutMs)));
    return outgoing;
  }

  private async checkStatus(res: http.IncomingMessage, req: EngineRequest): Promise<void> {
    const status = res.statusCode ?? 0;
    if ((status >= 200 && status < 300) || status === 304) return;
    let body: Buffer;
    try {
      body = await readAll(res);
    } catch (err) {
      throw this.fail(err, req);
    }
    throw toEngineError(status, body, describe(req));
  }

  private fail(err: unknown, req: EngineRequest): Error {
    if (isAbortError(err)) return err as Error;
    this.onUnreachable();
    return toUnreachableError(err, this.address, describe(req));
  }
}

function describe(req: EngineRequest): string {
  return `${req.method ?? 'GET'} ${req.path}`;
}

function serializeBody(body: unknown): string | undefined {
  return body === undefined ? undefined : JSON.stringify(body);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Wraps a plain response body as a Duplex whose writable side refuses input. */
function readOnlyDuplex(body: Readable): Duplex {
  return Duplex.from({
    readable: body,
    writable: new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('The engine did not upgrade the connection, so this exec has no stdin'));
      },
    }),
  });
}
