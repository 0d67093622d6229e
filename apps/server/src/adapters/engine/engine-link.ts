import { EventFollower, HttpDockerEngine, type DockerHostTlsSettings } from '@harbourmaster/engine';
import type { Logger } from '../../config/logger.js';
import type { EngineLink, HostRow } from '../../features/hosts/host-registry.js';

/** Connects to a host's engine over its socket or TCP(+TLS) and follows its events. */
export function engineLinkFor(
  host: HostRow,
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
