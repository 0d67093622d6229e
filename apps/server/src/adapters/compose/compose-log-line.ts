import type { StackLogLine } from '@harbourmaster/contracts';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))\s(.*)$/s;

/**
 * One line of `compose logs --no-color` output as the container it came from and its text.
 * Compose prefixes each line with the container (`app_1 | ` in v1, `app-1  | ` in v2), padded to
 * the longest name; lines without a prefix are Compose's own (null for its "Attaching to" banner).
 * @example parseComposeLogLine('app_1   | hello', 'stdout', false) // { source: 'app_1', line: 'hello', stream: 'stdout' }
 */
export function parseComposeLogLine(
  raw: string,
  stream: 'stdout' | 'stderr',
  timestamps: boolean,
): StackLogLine | null {
  const bar = raw.indexOf(' | ');
  const bare = raw.endsWith(' |') && !raw.slice(0, -2).includes(' | ');
  if (bar < 0 && !bare) {
    if (/^Attaching to /.test(raw)) return null;
    return { source: '', line: raw, stream };
  }
  const source = (bare ? raw.slice(0, -2) : raw.slice(0, bar)).trim();
  const text = bare ? '' : raw.slice(bar + 3);
  if (timestamps) {
    const m = TIMESTAMP.exec(text);
    if (m) return { source, line: m[2] ?? '', ts: m[1], stream };
  }
  return { source, line: text, stream };
}
