import { hasVariable } from './interpolation.js';

/** A Compose service name. */
const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

/**
 * The container's name when it makes a service name, else the image's last path segment
 * (`ghcr.io/home-assistant/home-assistant:stable` → `home-assistant`), else `app`.
 */
export function serviceNameFor(image: string, containerName: string | undefined): string {
  if (containerName && SERVICE_NAME.test(containerName)) return containerName;
  const repository = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  const name = hasVariable(last) ? '' : last.replace(/[^a-zA-Z0-9._-]/g, '-');
  return SERVICE_NAME.test(name) ? name : 'app';
}
