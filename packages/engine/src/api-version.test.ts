import { describe, expect, it } from 'vitest';
import { MAX_API_VERSION, compareApiVersions, negotiateApiVersion } from './api-version.js';

describe('API version negotiation', () => {
  it('compares versions numerically, not as text', () => {
    expect(compareApiVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareApiVersions('1.41', '1.41')).toBe(0);
    expect(compareApiVersions('2.0', '1.51')).toBeGreaterThan(0);
  });

  it("speaks the engine's version when it is older, ours when it is newer", () => {
    expect(negotiateApiVersion('1.41')).toBe('1.41');
    expect(negotiateApiVersion('1.24')).toBe('1.24');
    expect(negotiateApiVersion('1.51')).toBe('1.51');
    expect(negotiateApiVersion('1.53')).toBe(MAX_API_VERSION);
  });

  it('refuses an unreadable version', () => {
    expect(() => negotiateApiVersion('')).toThrow(/unreadable API version ""/);
  });
});
