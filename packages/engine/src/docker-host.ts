import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** TLS material for a TCP engine, in the shape `node:https` takes. */
export interface DockerTlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

/** Where an engine listens: a unix socket, or TCP with optional TLS. */
export type DockerHostAddress =
  { kind: 'unix'; socketPath: string } | { kind: 'tcp'; host: string; port: number; tls?: DockerTlsOptions };

/** TLS settings as the docker CLI takes them (`DOCKER_TLS_VERIFY`, `DOCKER_CERT_PATH`). */
export interface DockerHostTlsSettings {
  /** Verify the engine's certificate (against `ca.pem` when `certPath` is given). */
  verify: boolean;
  /** A directory holding `ca.pem`, `cert.pem` and `key.pem`. */
  certPath?: string;
}

const PLAIN_PORT = 2375;
const TLS_PORT = 2376;

/**
 * Parses a Docker host URL the way the docker CLI reads `DOCKER_HOST`. Passing `tls` turns TLS on
 * for `tcp://` and `http://` hosts; `https://` always uses TLS.
 *
 * @example
 * parseDockerHost('unix:///var/run/docker.sock'); // { kind: 'unix', socketPath: '/var/run/docker.sock' }
 * parseDockerHost('tcp://10.0.0.5', { verify: true, certPath: '/certs' }); // port 2376, client certs
 */
export function parseDockerHost(url: string, tls?: DockerHostTlsSettings): DockerHostAddress {
  const value = url.trim();
  const fail = (why: string): never => {
    throw new Error(`Invalid Docker host "${url}": ${why}`);
  };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return fail('expected unix:///path, tcp://host:port, http:// or https://');

  if (scheme === 'unix') {
    const socketPath = value.slice('unix://'.length);
    if (!socketPath.startsWith('/'))
      return fail('a unix socket needs an absolute path, e.g. unix:///var/run/docker.sock');
    return { kind: 'unix', socketPath };
  }
  if (scheme !== 'tcp' && scheme !== 'http' && scheme !== 'https') {
    return fail(`unsupported scheme "${scheme}://" (use unix://, tcp://, http:// or https://)`);
  }

  let parsed: URL;
  try {
    // URL only knows default ports for special schemes; parsing as http keeps "tcp://h:80" intact.
    parsed = new URL(`http://${value.slice(scheme.length + 3)}`);
  } catch {
    return fail('not a valid host:port');
  }
  if (parsed.username !== '' || parsed.password !== '')
    return fail('credentials in the URL are not supported');
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    return fail('a path after host:port is not supported');
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return fail('missing host');

  const useTls = scheme === 'https' || tls !== undefined;
  // new URL() drops a port equal to the http default, so read the port from the original text.
  const portText = /:(\d+)\/?$/.exec(value.slice(scheme.length + 3))?.[1];
  const port = portText === undefined ? (useTls ? TLS_PORT : PLAIN_PORT) : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail(`port ${portText} is out of range`);

  if (!useTls) return { kind: 'tcp', host, port };
  return { kind: 'tcp', host, port, tls: loadTls(url, tls ?? { verify: true }) };
}

function loadTls(url: string, settings: DockerHostTlsSettings): DockerTlsOptions {
  if (settings.certPath === undefined) return { rejectUnauthorized: settings.verify };
  const dir = settings.certPath;
  const read = (file: string, required: boolean): Buffer | undefined => {
    try {
      return readFileSync(join(dir, file));
    } catch (err) {
      if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Cannot read ${file} from the TLS cert path "${dir}" for Docker host "${url}"`, {
        cause: err,
      });
    }
  };
  // Like the docker CLI: the client pair is always needed, ca.pem only when verifying.
  const ca = read('ca.pem', settings.verify);
  const cert = read('cert.pem', true);
  const key = read('key.pem', true);
  return { ca, cert, key, rejectUnauthorized: settings.verify };
}

/** A human-readable address for messages, e.g. `unix:///var/run/docker.sock` or `tcp://h:2376 (TLS)`. */
export function describeDockerHost(address: DockerHostAddress): string {
  if (address.kind === 'unix') return `unix://${address.socketPath}`;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `tcp://${host}:${address.port}${address.tls ? ' (TLS)' : ''}`;
}
