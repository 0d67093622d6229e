import { describe, expect, it } from 'vitest';
import { splitImageRef } from './image-ref.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('splitImageRef', () => {
  it.each([
    ['nginx', 'nginx', 'latest'],
    ['nginx:1.27', 'nginx', '1.27'],
    ['library/nginx:1.27-alpine', 'library/nginx', '1.27-alpine'],
    ['127.0.0.1:5000/x/y:1', '127.0.0.1:5000/x/y', '1'],
    ['127.0.0.1:5000/x/y', '127.0.0.1:5000/x/y', 'latest'],
    ['ghcr.io/org/app:v2', 'ghcr.io/org/app', 'v2'],
    [`redis@${digest}`, 'redis', digest],
    [`127.0.0.1:5000/x/y:1@${digest}`, '127.0.0.1:5000/x/y', digest],
    [`127.0.0.1:5000/x/y@${digest}`, '127.0.0.1:5000/x/y', digest],
  ])('%s → %s + %s', (ref, fromImage, tag) => {
    expect(splitImageRef(ref)).toEqual({ fromImage, tag });
  });

  it.each(['', 'a b', 'nginx:', 'nginx@sha256', ':1', '127.0.0.1:5000/'])('refuses %j', (ref) => {
    expect(() => splitImageRef(ref)).toThrow(/Invalid/);
  });
});
