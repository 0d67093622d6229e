import type { StackConvertReply } from '@harbourmaster/contracts';
import { EngineError, type DockerEngine } from '@harbourmaster/engine';
import type { ImageDefaults } from './container-details.js';
import { inspectToService } from './inspect-to-service.js';
import { projectReply } from './project-reply.js';

/**
 * A container's current configuration as a compose file ("save as stack"): its inspect, less
 * what its image already gives. An image that is gone (removed since) only costs the defaults.
 */
export async function containerCompose(
  engine: Pick<DockerEngine, 'inspectContainer' | 'inspectImage'>,
  id: string,
): Promise<StackConvertReply> {
  const container = await engine.inspectContainer(id);
  let image: ImageDefaults | null = null;
  try {
    image = await engine.inspectImage(container.Image);
  } catch (err) {
    if (!(err instanceof EngineError && err.statusCode === 404)) throw err;
  }
  return projectReply(inspectToService(container, image));
}
