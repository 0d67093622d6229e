import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { envStreamParser } from './env-language.js';

/** Each line's tokens as [text, style] pairs, spaces left out. */
function tokens(text: string): [string, string | null][][] {
  const state = envStreamParser.startState?.(2) ?? { part: 'key' as const, quote: null };
  return text.split('\n').map((line) => {
    const stream = new StringStream(line, 2, 2);
    const out: [string, string | null][] = [];
    while (!stream.eol()) {
      const start = stream.pos;
      const style = envStreamParser.token(stream, state);
      if (stream.pos === start) throw new Error(`no progress at ${start} in ${line}`);
      if (line.slice(start, stream.pos).trim()) out.push([line.slice(start, stream.pos), style]);
    }
    return out;
  });
}

describe('the .env language', () => {
  it('tells comments, keys, = and values apart', () => {
    expect(tokens('# the database\nexport DB_HOST=db\nPORT=5432 # default')).toEqual([
      [['# the database', 'comment']],
      [
        ['export', 'keyword'],
        ['DB_HOST', 'propertyName.definition'],
        ['=', 'operator'],
        ['db', 'string'],
      ],
      [
        ['PORT', 'propertyName.definition'],
        ['=', 'operator'],
        ['5432', 'string'],
        ['# default', 'comment'],
      ],
    ]);
  });

  it('keeps a # inside a value and inside quotes', () => {
    expect(tokens("A=a#b\nB='x # y'")).toEqual([
      [
        ['A', 'propertyName.definition'],
        ['=', 'operator'],
        ['a', 'string'],
        ['#', 'string'],
        ['b', 'string'],
      ],
      [
        ['B', 'propertyName.definition'],
        ['=', 'operator'],
        ["'x # y'", 'string'],
      ],
    ]);
  });

  it('marks interpolation in plain and double-quoted values, not in single quotes', () => {
    expect(tokens('URL="http://${HOST}:80"\nRAW=\'${HOST}\'\nX=$HOME/x')).toEqual([
      [
        ['URL', 'propertyName.definition'],
        ['=', 'operator'],
        ['"http://', 'string'],
        ['${HOST}', 'variableName.special'],
        [':80"', 'string'],
      ],
      [
        ['RAW', 'propertyName.definition'],
        ['=', 'operator'],
        ["'${HOST}'", 'string'],
      ],
      [
        ['X', 'propertyName.definition'],
        ['=', 'operator'],
        ['$HOME', 'variableName.special'],
        ['/x', 'string'],
      ],
    ]);
  });

  it('carries a double-quoted value over lines, and marks lines that are not KEY=value', () => {
    expect(tokens('CERT="line one\nline two"\nnot an assignment')).toEqual([
      [
        ['CERT', 'propertyName.definition'],
        ['=', 'operator'],
        ['"line one', 'string'],
      ],
      [['line two"', 'string']],
      [
        ['not', 'propertyName.definition'],
        ['an assignment', 'invalid'],
      ],
    ]);
  });
});
