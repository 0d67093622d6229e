import { describe, expect, it } from 'vitest';
import { healDelayMs, healPolicy } from './self-heal-policy.js';

describe('healPolicy', () => {
  it('reads the mode, retries and scope from labels', () => {
    expect(healPolicy({ 'harbourmaster.autoheal': 'crash' })).toEqual({
      crash: true,
      unhealthy: false,
      retries: 3,
      scope: 'container',
    });
    expect(
      healPolicy({
        'harbourmaster.autoheal': 'Both',
        'harbourmaster.autoheal.retries': '5',
        'harbourmaster.autoheal.scope': 'stack',
      }),
    ).toEqual({ crash: true, unhealthy: true, retries: 5, scope: 'stack' });
    expect(healPolicy({ 'harbourmaster.autoheal': 'unhealthy' })?.crash).toBe(false);
  });

  it('guesses nothing: absent, unknown or out-of-range values mean no healing', () => {
    expect(healPolicy({})).toBeNull();
    expect(healPolicy({ 'harbourmaster.autoheal': 'yes please' })).toBeNull();
    expect(
      healPolicy({ 'harbourmaster.autoheal': 'crash', 'harbourmaster.autoheal.retries': '0' }),
    ).toBeNull();
    expect(
      healPolicy({ 'harbourmaster.autoheal': 'crash', 'harbourmaster.autoheal.retries': '2.5' }),
    ).toBeNull();
    expect(
      healPolicy({ 'harbourmaster.autoheal': 'crash', 'harbourmaster.autoheal.scope': 'host' }),
    ).toBeNull();
  });
});

describe('healDelayMs', () => {
  it('doubles from a second up to five minutes', () => {
    expect([1, 2, 3, 4].map(healDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(healDelayMs(30)).toBe(300_000);
  });
});
