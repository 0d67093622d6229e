import { describe, expect, it } from 'vitest';
import { ConvertError, positionsIn } from './convert-error.js';

describe('positions in a pasted command', () => {
  it('counts lines and columns from 1', () => {
    const text = 'docker run \\\n  -p 80:80 \\\n  nginx\n';
    const at = positionsIn(text);
    expect(at(0)).toEqual({ line: 1, column: 1 });
    expect(at(text.indexOf('\\'))).toEqual({ line: 1, column: 12 });
    expect(at(text.indexOf('\n'))).toEqual({ line: 1, column: 13 });
    expect(at(text.indexOf('-p'))).toEqual({ line: 2, column: 3 });
    expect(at(text.indexOf('nginx'))).toEqual({ line: 3, column: 3 });
    expect(at(text.length)).toEqual({ line: 4, column: 1 });
    expect(positionsIn('')(0)).toEqual({ line: 1, column: 1 });
  });

  it('names the position in the message', () => {
    const err = new ConvertError('unclosed quote', { line: 2, column: 7 });
    expect(err.message).toBe('unclosed quote (at line 2, column 7)');
    expect(new ConvertError('no image').message).toBe('no image');
  });
});
