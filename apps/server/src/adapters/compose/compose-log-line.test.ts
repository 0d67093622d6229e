import { describe, expect, it } from 'vitest';
import { parseComposeLogLine } from './compose-log-line.js';

describe('parseComposeLogLine', () => {
  it('splits v1 and v2 prefixes, keeping the text exactly', () => {
    expect(parseComposeLogLine('web_app_1     | hello | world ', 'stdout', false)).toEqual({
      source: 'web_app_1',
      line: 'hello | world ',
      stream: 'stdout',
    });
    expect(parseComposeLogLine('app-1  | x', 'stdout', false)).toMatchObject({ source: 'app-1', line: 'x' });
  });

  it('reads an empty line and a timestamp', () => {
    expect(parseComposeLogLine('app_1  |', 'stdout', false)).toMatchObject({ source: 'app_1', line: '' });
    expect(parseComposeLogLine('app_1  | 2026-12-01T07:00:00.123456789Z up', 'stdout', true)).toEqual({
      source: 'app_1',
      line: 'up',
      ts: '2026-12-01T07:00:00.123456789Z',
      stream: 'stdout',
    });
  });

  it("drops Compose's banner and keeps its other lines without a source", () => {
    expect(parseComposeLogLine('Attaching to a_1, b_1', 'stdout', false)).toBeNull();
    expect(parseComposeLogLine('ERROR: no such service: x', 'stderr', false)).toEqual({
      source: '',
      line: 'ERROR: no such service: x',
      stream: 'stderr',
    });
  });
});
