import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDockerHost } from './test-server.js';

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

/**
 * A unix-socket relay in front of the test engine: the daemon is pointed at `url`, and the test sees
 * every request line it sends (`requests`), or opens and closes the relay to make the engine appear
 * and disappear without restarting it.
 */
export class EngineRelay {
  readonly path = join(mkdtempSync(join(tmpdir(), 'hm-relay-')), 'docker.sock');
  /** `METHOD /path?query` of every request the daemon sent, in order. */
  readonly requests: string[] = [];
  #server: Server | null = null;
  readonly #open = new Set<Socket>();

  get url(): string {
    return `unix://${this.path}`;
  }

  start(): Promise<void> {
    const target = testDockerHost().replace(/^unix:\/\//, '');
    this.#server = createServer((client) => {
      const upstream = createConnection(target);
      this.#open.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE))
          this.requests.push(`${m[1]} ${m[2]}`);
      });
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.#open.delete(client);
        this.#open.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    return new Promise((resolve) => this.#server!.listen(this.path, resolve));
  }

  stop(): Promise<void> {
    this.#open.forEach((s) => s.destroy());
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
