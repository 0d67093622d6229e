import { DOCKER_NAME_PATTERN, IMAGE_REFERENCE_PATTERN } from '@harbourmaster/contracts';

/** A seeded generator (mulberry32): the same seed gives the same run, so a failure can be replayed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    chance: (p: number) => next() < p,
    word: (length = 8) =>
      Array.from({ length }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[int(36)]).join(''),
    uuid: () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => '0123456789abcdef'[int(16)]!),
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** Strings that have broken parsers, routers, validators and engines before. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '.',
  '..',
  '../..',
  '../volumes/x',
  '/',
  '\\',
  '\u0000',
  '\u202e\u0041',
  'ü',
  '😀',
  '\ud800',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://127.0.0.1/x}',
  '%s%n%x',
  'null',
  'true',
  '-1',
  '1e309',
  'NaN',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'a'.repeat(300),
  'a'.repeat(70_000),
  'x\r\nSet-Cookie: a=b',
];

/** Raw path segments sent as written: bad escapes, encoded dot segments and separators. */
export const RAW_SEGMENTS: readonly string[] = [
  '%',
  '%ZZ',
  '%00',
  '%2e%2e',
  '%2E',
  '..%2F..%2Fvolumes%2Fx',
  '%2F',
  '%5C..%5C',
  '%C0%AE%C0%AE',
  '%F0%9F%98%80',
  'a;b',
  'a%3Fb%23c',
];

/** Values of the wrong type for any JSON field. */
export const WRONG_TYPES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  'x',
  [],
  [null],
  {},
  { a: { b: { c: {} } } },
  Array.from({ length: 5_000 }, (_, i) => i),
  'a'.repeat(100_000),
];

/**
 * Whether `value` could name an existing engine object: Docker resolves unique id prefixes, so a
 * value like `0` or `ab` might remove someone's container. Such values are given our prefix.
 */
export function couldNameRealObject(value: string): boolean {
  return DOCKER_NAME_PATTERN.test(value) || IMAGE_REFERENCE_PATTERN.test(value);
}

/** A string for a path parameter: a fresh name of ours, or something hostile. `raw` is sent unescaped. */
export function pathValue(rnd: Random, prefix: string): { text: string; raw: boolean } {
  const roll = rnd.next();
  if (roll < 0.25) return { text: `${prefix}${rnd.word()}`, raw: false };
  if (roll < 0.45) return { text: rnd.pick(RAW_SEGMENTS), raw: true };
  if (roll < 0.55) return { text: rnd.uuid(), raw: false };
  const hostile = rnd.pick(HOSTILE_STRINGS);
  // A hostile string that is a valid name could resolve to a real object by prefix; make it ours.
  return { text: couldNameRealObject(hostile) ? `${prefix}${hostile}` : hostile, raw: false };
}
