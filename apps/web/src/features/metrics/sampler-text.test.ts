import { describe, expect, it } from 'vitest';
import { samplerText } from './sampler-text.js';

describe('samplerText', () => {
  it('names the fast path, or the fallback with its reason, with the interval', () => {
    expect(samplerText({ path: 'cgroup', reason: null, intervalSeconds: 1 })).toBe(
      "Sampled every 1 s from the kernel's cgroup files (fast path).",
    );
    expect(
      samplerText({ path: 'engine-stats', reason: '/sys/fs/cgroup is not the host’s', intervalSeconds: 5 }),
    ).toBe("Sampled every 5 s through the engine's stats API (fallback: /sys/fs/cgroup is not the host’s).");
    expect(samplerText({ path: null, reason: null, intervalSeconds: 1 })).toBe(
      'Not sampled yet (the first pass is still to come).',
    );
  });
});
