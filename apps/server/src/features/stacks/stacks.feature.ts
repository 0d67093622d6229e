import type { Core } from '../../core.js';
import type { Feature } from '../feature.js';
import { StacksDirectory } from '../../adapters/fs/stacks-directory.js';
import { detectCompose } from '../../adapters/compose/compose-cli.js';
import { registerStacksRoutes } from './stacks.routes.js';
import { registerConvertRoutes } from './convert.routes.js';
import { registerStackLogRoutes } from './stack-logs.routes.js';
import { StacksService } from './stacks.service.js';
import { stackJob } from './stack-job.js';

/**
 * Stacks: Compose projects as plain folders in the stacks directory, run with the real Compose CLI,
 * their status read from their containers' labels.
 */
export function createStacksFeature(
  core: Pick<Core, 'config' | 'logger' | 'hosts' | 'inventory' | 'jobs' | 'audit'>,
): Feature {
  const directory = new StacksDirectory(core.config.stacksDir, (reason) => core.logger.warn(reason));
  const stacks = new StacksService(core, directory, () => detectCompose());
  core.jobs.register(stackJob(stacks));
  return {
    name: 'stacks',
    routes: (app) => {
      registerStacksRoutes(app, { stacks, jobs: core.jobs, audit: core.audit });
      registerConvertRoutes(app, { hosts: core.hosts });
      registerStackLogRoutes(app, { stacks });
    },
    async start() {
      const compose = await stacks.composeInfo();
      if (compose.kind === null) core.logger.warn({ reason: compose.reason }, 'stacks: no Compose CLI');
      else core.logger.info({ compose: compose.kind, version: compose.version }, 'stacks: Compose found');
    },
    // Ends every Compose child (a deploy's `up`, a `logs -f`) with the daemon.
    stop: () => stacks.closeAll(),
  };
}
