import type { MaintenanceSchedule } from '@harbourmaster/contracts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The weekday (0 = Sunday) and minutes since midnight of an instant, in a time zone. */
export function localClock(at: number, timezone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAYS.indexOf(get('weekday')), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a maintenance window mutes at `at`. A weekly window whose `to` is not after its `from`
 * runs past midnight: it starts on the chosen days and ends the next day (`from` = `to`: a whole day).
 * @example isWindowActive({ kind: 'weekly', days: [0], from: '23:00', to: '01:00', timezone: 'UTC' }, mondayAt0030Utc) // true
 */
export function isWindowActive(schedule: MaintenanceSchedule, at: number): boolean {
  if (schedule.kind === 'once') return at >= schedule.start && at < schedule.end;
  const { day, minutes } = localClock(at, schedule.timezone);
  const from = toMinutes(schedule.from);
  const to = toMinutes(schedule.to);
  if (from < to) return schedule.days.includes(day) && minutes >= from && minutes < to;
  // Past midnight: the evening part on a chosen day, the morning part on the day after one.
  const yesterday = (day + 6) % 7;
  return (
    (schedule.days.includes(day) && minutes >= from) || (schedule.days.includes(yesterday) && minutes < to)
  );
}
