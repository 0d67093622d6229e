import { describe, expect, it } from 'vitest';
import { isWindowActive, localClock } from './maintenance-schedule.js';

// 2026-11-30 is a Monday.
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('maintenance windows', () => {
  it('reads the local weekday and time in a time zone', () => {
    expect(localClock(utc('2026-11-30T23:30:00'), 'UTC')).toEqual({ day: 1, minutes: 23 * 60 + 30 });
    // Berlin is UTC+1 in winter: already Tuesday 00:30.
    expect(localClock(utc('2026-11-30T23:30:00'), 'Europe/Berlin')).toEqual({ day: 2, minutes: 30 });
  });

  it('mutes a one-off window from its start until (not including) its end', () => {
    const once = {
      kind: 'once' as const,
      start: utc('2026-12-01T02:00:00'),
      end: utc('2026-12-01T03:00:00'),
    };
    expect(isWindowActive(once, utc('2026-12-01T01:59:59'))).toBe(false);
    expect(isWindowActive(once, utc('2026-12-01T02:00:00'))).toBe(true);
    expect(isWindowActive(once, utc('2026-12-01T03:00:00'))).toBe(false);
  });

  it('mutes a weekly window on its days between its times, in its time zone', () => {
    const w = { kind: 'weekly' as const, days: [1], from: '02:00', to: '04:00', timezone: 'Europe/Berlin' };
    expect(isWindowActive(w, utc('2026-11-30T01:30:00'))).toBe(true); // Monday 02:30 in Berlin
    expect(isWindowActive(w, utc('2026-11-30T03:30:00'))).toBe(false); // 04:30 Berlin
    expect(isWindowActive(w, utc('2026-12-01T01:30:00'))).toBe(false); // Tuesday
  });

  it('runs a window past midnight into the next day', () => {
    const w = { kind: 'weekly' as const, days: [0], from: '23:00', to: '01:00', timezone: 'UTC' };
    expect(isWindowActive(w, utc('2026-11-29T23:30:00'))).toBe(true); // Sunday 23:30
    expect(isWindowActive(w, utc('2026-11-30T00:30:00'))).toBe(true); // Monday 00:30
    expect(isWindowActive(w, utc('2026-11-30T01:30:00'))).toBe(false);
    expect(isWindowActive(w, utc('2026-11-30T23:30:00'))).toBe(false); // Monday evening: not chosen
  });
});
