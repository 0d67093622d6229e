import { z } from 'zod';

// Docker's own grammars for the ids and names that reach the engine, checked where they enter the
// API. A value that passes can never be read as more than one path segment (`..`, `/` or `%2F`
// forms are refused), so the engine sees exactly the object the caller named.

/** Container, network and volume names: `[a-zA-Z0-9][a-zA-Z0-9_.-]*` (Docker's RestrictedNameChars). */
export const DOCKER_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

/**
 * An image reference as the distribution grammar defines it: `[registry[:port]/]path[:tag][@digest]`.
 * Image ids (`sha256:<hex>`, short hex) match it too, as name and tag.
 */
export const IMAGE_REFERENCE_PATTERN = new RegExp(
  `^(?:${domain}/)?${pathComponent}(?:/${pathComponent})*(?::${tag})?(?:@${digest})?$`,
);

/** A container id (full or short hex) or name. */
export const containerRefSchema = z
  .string()
  .max(255, { abort: true })
  .regex(DOCKER_NAME_PATTERN, 'not a container id or name (letters, digits, _ . - and no leading . or -)');

/** A network id or name. */
export const networkRefSchema = z
  .string()
  .max(255, { abort: true })
  .regex(DOCKER_NAME_PATTERN, 'not a network id or name (letters, digits, _ . - and no leading . or -)');

/** A volume name (anonymous volumes are named by 64 hex digits). */
export const volumeNameSchema = z
  .string()
  .max(255, { abort: true })
  .regex(DOCKER_NAME_PATTERN, 'not a volume name (letters, digits, _ . - and no leading . or -)');

/**
 * An image reference (`nginx:1.27`, `127.0.0.1:5000/team/app@sha256:…`) or image id.
 * @example
 * imageRefSchema.parse('127.0.0.1:5000/x/y:1'); // ok
 * imageRefSchema.safeParse('../volumes/x').success; // false
 */
export const imageRefSchema = z
  .string()
  .min(1)
  .max(512, { abort: true })
  .regex(
    IMAGE_REFERENCE_PATTERN,
    'not an image reference: [registry[:port]/]name[:tag][@digest], lowercase name',
  );
