import { EngineError } from './engine-errors.js';

// The routes validate ids and names by Docker's grammar; these checks are the second line, so that
// no caller of the engine package can make it address another object than the one it names.

function refuse(what: string, value: string): never {
  throw new EngineError(400, `${what} ${JSON.stringify(value)} is not a valid id, name or reference`);
}

/**
 * Escapes an id or name as exactly one path segment; `.`, `..` and the empty string are refused,
 * since an HTTP client or proxy would resolve them as directory steps.
 * @example
 * seg('web-1'); // 'web-1'
 * seg('a/b'); // 'a%2Fb'
 */
export function seg(value: string): string {
  if (value === '' || value === '.' || value === '..') refuse('The id or name', value);
  return encodeURIComponent(value);
}

/**
 * An image reference as a path: it keeps its slashes (the engine routes `/images/{name:.*}/json`),
 * every segment escaped; empty, `.` and `..` segments are refused.
 * @example
 * refPath('127.0.0.1:5000/x/y:1'); // '127.0.0.1%3A5000/x/y%3A1'
 */
export function refPath(ref: string): string {
  const segments = ref.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) refuse('The image reference', ref);
  return segments.map(encodeURIComponent).join('/');
}
