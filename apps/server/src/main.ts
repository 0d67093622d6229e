import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './config/logger.js';
import { readableDestination } from './config/readable-log.js';
import { createRuntime } from './runtime.js';
import { engineLinkFor } from './adapters/engine/engine-link.js';
import { localPathExists } from './adapters/fs/host-paths.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

declare const HM_BUILD_VERSION: string | undefined;
const version = typeof HM_BUILD_VERSION === 'string' ? HM_BUILD_VERSION : 'dev';

const packagedWebDir = fileURLToPath(new URL('../web/', import.meta.url));

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`harbourmaster: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // A person at a terminal reads lines; a service manager or log collector gets JSON.
  const logger = createLogger(
    config.logLevel,
    process.stdout.isTTY ? readableDestination(process.stdout) : undefined,
  );
  const runtime = await createRuntime(
    config,
    logger,
    {
      // Installed (the image, the .deb), the panel sits beside the bundle: <prefix>/lib/main.js and
      // <prefix>/web; from a checkout it is apps/web/dist.
      ...(existsSync(packagedWebDir) ? { webDir: packagedWebDir } : {}),
      linkFor: (host) => engineLinkFor(host, config.dockerTls, logger),
      // Bind sources can be checked here only for the engine on this machine.
      pathExists: (hostId, path) =>
        hostId === 'local' && config.dockerHost.startsWith('unix://')
          ? localPathExists(path)
          : Promise.resolve(null),
    },
    version,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    runtime
      .stop()
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await runtime.app.listen({ port: config.port, host: config.host });
  await runtime.start();
  logger.info(
    {
      url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
      dataDir: config.dataDir,
      version,
    },
    'Harbourmaster is up',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    `harbourmaster: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
