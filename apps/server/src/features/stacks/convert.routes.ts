import type { FastifyInstance } from 'fastify';
import type { HostRegistry } from '../hosts/host-registry.js';

/** Placeholder: the converter's routes land here. */
export function registerConvertRoutes(
  _app: FastifyInstance,
  _deps: { hosts: Pick<HostRegistry, 'engine'> },
): void {}
