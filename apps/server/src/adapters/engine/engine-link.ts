import {
  EventFollower,
  HttpDockerEngine,
  type DockerEngine,
  type DockerHostTlsSettings,
  type EngineEvent,
} from '@harbourmaster/engine';
import type { Logger } from '../../config/logger.js';

/** Where a host's engine is: what a connection needs to know of a host. */
export interface EngineTarget {
  id: string;
  kind: 'socket' | 'tcp' | 'agent';
  url: string;
}

export interface FollowHandlers {
  onEvent(event: EngineEvent): void;
  onConnected(): void;
  onDisconnected(error: string): void;
}

/** An engine and a way to follow its events: what a host needs, whatever kind it is. */
export interface EngineLink {
  engine: DockerEngine;
  /** Follows events until the returned function is called; reconnects by itself. */
  follow(handlers: FollowHandlers): () => void;
}

export type EngineLinkFactory = (host: EngineTarget) => EngineLink;

/** Connects to a host's engine over its socket or TCP(+TLS) and follows its events. */
export function engineLinkFor(
  host: EngineTarget,
  tls: { verify: boolean; certPath: string | undefined },
  log: Logger,
): EngineLink {
  // Like the docker CLI: TLS when asked for (DOCKER_TLS_VERIFY or a cert path) or by an https:// URL;
  // a plain tcp:// URL without either stays plain.
  const settings: DockerHostTlsSettings | undefined =
    tls.verify || tls.certPath
      ? { verify: tls.verify, ...(tls.certPath ? { certPath: tls.certPath } : {}) }
      : undefined;
  const engine = HttpDockerEngine.fromUrl(host.url, settings);
  return {
    engine,
    follow(handlers) {
      const follower = new EventFollower({ engine });
      follower.on('event', (e) => handlers.onEvent(e));
      follower.on('connected', () => handlers.onConnected());
      follower.on('disconnected', ({ error }) => handlers.onDisconnected(error));
      follower.on('listenerError', (err, e) =>
        log.error({ err, host: host.id, action: e.Action }, 'an engine event handler failed'),
      );
      follower.start();
      return () => void follower.stop();
    },
  };
}
