import type { ParsedRun } from './docker-run-parse.js';
import { ServiceDraft } from './run-draft.js';
import { RUN_FLAG_HANDLERS } from './run-flag-handlers.js';
import { settleVolumeDriver } from './run-mounts.js';
import { settleNetworks } from './run-network.js';
import type { ServiceProject } from './service-model.js';
import { serviceNameFor } from './service-name.js';

/**
 * The service a `docker run` command describes: every flag applied in order (the last of a
 * single-valued flag wins, as with docker), then what depends on several flags settled.
 */
export function runToService(run: ParsedRun, opts: { name?: string } = {}): ServiceProject {
  const draft = new ServiceDraft(run.image.text);
  for (const use of run.flags) RUN_FLAG_HANDLERS[use.flag](draft, use);
  settleNetworks(draft);
  settleVolumeDriver(draft);
  if (run.command.length > 0) draft.service.command = run.command;
  return {
    serviceName: opts.name ?? serviceNameFor(run.image.text, draft.service.container_name),
    service: draft.service,
    volumes: draft.volumes,
    networks: draft.networks,
    warnings: [...run.warnings, ...draft.warnings],
  };
}
