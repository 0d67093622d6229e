import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

describe('LineSplitter', () => {
  it('splits on \\n and keeps a partial line until its break arrives', () => {
    const s = new LineSplitter();
    expect(s.push('one\ntw')).toEqual(['one']);
    expect(s.push('o\nthree')).toEqual(['two']);
    expect(s.flush()).toEqual(['three']);
    expect(s.flush()).toEqual([]);
  });

  it('treats a lone \\r as a break, so progress redraws arrive as lines', () => {
    const s = new LineSplitter();
    expect(s.push('Pulling 10%\rPulling 50%\rPulling done\n')).toEqual([
      'Pulling 10%',
      'Pulling 50%',
      'Pulling done',
    ]);
  });

  it('counts \\r\\n as one break, also when split across chunks', () => {
    const s = new LineSplitter();
    expect(s.push('a\r\nb\r')).toEqual(['a', 'b']);
    expect(s.push('\nc\n')).toEqual(['c']);
  });

  it('keeps blank lines and ANSI codes as they are', () => {
    const s = new LineSplitter();
    expect(s.push('\u001b[32mok\u001b[0m\n\nnext\n')).toEqual(['\u001b[32mok\u001b[0m', '', 'next']);
  });
});
