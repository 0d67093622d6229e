import { Writable } from 'node:stream';

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '\x1b[90m' },
  20: { name: 'DEBUG', color: '\x1b[36m' },
  30: { name: 'INFO', color: '\x1b[32m' },
  40: { name: 'WARN', color: '\x1b[33m' },
  50: { name: 'ERROR', color: '\x1b[31m' },
  60: { name: 'FATAL', color: '\x1b[41m' },
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
/** Fields every line has, shown in their own place or not at all. */
const SKIPPED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err']);

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * One pino JSON line as a line a person reads in a terminal:
 * `14:03:07 INFO  engine connected  host=local url=unix:///var/run/docker.sock`, with an error's
 * stack below it. Lines that are not JSON pass through unchanged.
 */
export function readableLine(json: string, color: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = LEVELS[Number(entry.level)] ?? { name: String(entry.level), color: '' };
  const time = new Date(Number(entry.time)).toTimeString().slice(0, 8);
  const fields = Object.entries(entry)
    .filter(([k, v]) => !SKIPPED.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${value(v)}`)
    .join(' ');
  const paint = (c: string, text: string) => (color ? `${c}${text}${RESET}` : text);
  let line = `${paint(DIM, time)} ${paint(level.color, level.name.padEnd(5))} ${typeof entry.msg === 'string' ? entry.msg : value(entry.msg ?? '')}`;
  if (fields) line += `  ${paint(DIM, fields)}`;
  const err = entry.err as { stack?: string; message?: string } | undefined;
  if (err) line += `\n    ${(err.stack ?? err.message ?? JSON.stringify(err)).split('\n').join('\n    ')}`;
  return `${line}\n`;
}

/** A pino destination that writes readable lines to a terminal (pino hands it whole JSON lines). */
export function readableDestination(out: NodeJS.WriteStream): Writable {
  const color = out.hasColors?.() ?? false;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const json of chunk.toString('utf8').split('\n')) if (json) out.write(readableLine(json, color));
      done();
    },
  });
}
