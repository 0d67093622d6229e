import { describe, expect, it } from 'vitest';
import { clockTime, fullTime } from '../../lib/format-time.js';
import {
  deliveryState,
  severityTone,
  sinceText,
  statusTone,
  subjectLinks,
  timesLabel,
} from './alert-text.js';

const delivery = {
  channelId: 'c1',
  channelName: 'ops',
  state: 'queued' as const,
  attempts: 0,
  lastError: null,
  sentAt: null,
};

describe('how an alert reads in the history', () => {
  it('colours severity and status, the word always beside the colour', () => {
    expect([severityTone('critical'), severityTone('warning'), severityTone('info')]).toEqual([
      'bad',
      'warn',
      'idle',
    ]);
    expect([statusTone('firing'), statusTone('resolved')]).toEqual(['bad', 'ok']);
  });

  it('counts folded repeats as times it happened, and says nothing for a single one', () => {
    expect(timesLabel(0)).toBeNull();
    expect(timesLabel(1)).toBe('×2');
    expect(timesLabel(9)).toBe('×10');
  });

  it("says each delivery's state: queued with its attempts, failed with the channel's error", () => {
    expect(deliveryState(delivery)).toEqual({ word: 'queued', tone: 'warn', detail: null });
    expect(deliveryState({ ...delivery, attempts: 2, lastError: 'HTTP 500' })).toEqual({
      word: 'queued',
      tone: 'warn',
      detail: '2 attempts so far, last: HTTP 500',
    });
    expect(deliveryState({ ...delivery, state: 'sent', attempts: 1 })).toEqual({
      word: 'sent',
      tone: 'ok',
      detail: null,
    });
    expect(
      deliveryState({ ...delivery, state: 'failed', attempts: 1, lastError: 'Webhook: 404' }).detail,
    ).toBe('Webhook: 404');
    expect(deliveryState({ ...delivery, state: 'failed', attempts: 7, lastError: null }).detail).toBe(
      'no reason given (after 7 attempts)',
    );
  });

  it('links the container and the stack on their host, escaped', () => {
    expect(subjectLinks({ hostId: 'nas 1', container: { id: 'abc', name: 'web' }, stack: 'shop/x' })).toEqual(
      { container: '/containers/nas%201/abc', stack: '/stacks/nas%201/shop%2Fx' },
    );
    expect(subjectLinks({ hostId: null, container: { id: 'abc', name: 'web' }, stack: 'shop' })).toEqual({
      container: null,
      stack: null,
    });
  });

  it('says since when: the clock time today, the date as well before today', () => {
    const now = new Date(2026, 4, 6, 15, 0).getTime();
    const morning = new Date(2026, 4, 6, 9, 30).getTime();
    const yesterday = new Date(2026, 4, 5, 23, 59).getTime();
    expect(sinceText(morning, now)).toBe(clockTime(morning));
    expect(sinceText(yesterday, now)).toBe(fullTime(yesterday));
  });
});
