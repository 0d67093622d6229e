import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { errorLine, errorLineAt, errorLineEffects } from './error-line.js';

const mark = (state: EditorState, line: number | null) =>
  state.update({ effects: errorLineEffects(state, line) }).state;

describe('the error line', () => {
  const start = EditorState.create({ doc: 'services:\n  web:\n    image: nginx\n', extensions: errorLine });

  it('marks the named line and clears it', () => {
    const marked = mark(start, 3);
    expect(errorLineAt(marked)).toBe(3);
    expect(errorLineAt(mark(marked, null))).toBeNull();
  });

  it('clamps a line past the end and ignores nonsense', () => {
    expect(errorLineAt(mark(start, 99))).toBe(4);
    expect(errorLineAt(mark(start, 0))).toBeNull();
    expect(errorLineAt(mark(start, 2.5))).toBeNull();
  });

  it('stays with its text as lines are added above or text typed at its start', () => {
    const marked = mark(start, 3);
    const above = marked.update({ changes: { from: 0, insert: 'name: shop\n' } }).state;
    expect(errorLineAt(above)).toBe(4);
    const lineStart = above.doc.line(4).from;
    const typed = above.update({ changes: { from: lineStart, insert: '  ' } }).state;
    expect(errorLineAt(typed)).toBe(4);
  });

  it('scrolls the line into view when it is marked', () => {
    expect(errorLineEffects(start, 2)).toHaveLength(2);
    expect(errorLineEffects(start, null)).toHaveLength(1);
  });
});
