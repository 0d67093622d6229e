import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';
import { readableLine } from './readable-log.js';

describe('readableLine', () => {
  it('turns a JSON log line into time, level, message and fields', () => {
    const time = new Date(2026, 11, 1, 14, 3, 7).getTime();
    const line = readableLine(
      JSON.stringify({
        level: 30,
        time,
        pid: 1,
        hostname: 'h',
        msg: 'engine connected',
        host: 'local',
        n: 3,
      }),
      false,
    );
    expect(line).toBe('14:03:07 INFO  engine connected  host=local n=3\n');
  });

  it('puts an error stack under the line, quotes values with spaces, and colours only when asked', () => {
    const line = readableLine(
      JSON.stringify({ level: 50, time: 0, msg: 'failed', why: 'a b', err: { stack: 'Error: x\n    at f' } }),
      true,
    );
    expect(line).toContain('\x1b[31mERROR');
    expect(line).toContain('why="a b"');
    expect(line).toContain('\n    Error: x\n        at f');
    expect(readableLine('not json', false)).toBe('not json\n');
  });

  it('keeps secrets out, since redaction happens before formatting', () => {
    const out: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        out.push(readableLine(chunk.toString(), false));
        done();
      },
    });
    createLogger('info', sink).info({ password: 'hunter22' }, 'login');
    expect(out.join('')).toContain('password=[redacted]');
    expect(out.join('')).not.toContain('hunter22');
  });
});
