import { EditorState, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { baseExtensions, indentWithSpaces, languageExtensions } from './editor-extensions.js';

/** Enough of a view for a command: its state, and dispatch applying to it. */
function fakeView(doc: string, cursor: number, readOnly = false) {
  let state = EditorState.create({
    doc,
    selection: { anchor: cursor },
    extensions: [EditorState.readOnly.of(readOnly)],
  });
  const view = {
    get state() {
      return state;
    },
    dispatch: (...specs: TransactionSpec[]) => {
      state = state.update(...specs).state;
    },
  };
  return view as unknown as EditorView & { readonly state: EditorState };
}

describe('Tab', () => {
  it('inserts spaces to the next 2-column stop', () => {
    const atStart = fakeView('services:\n', 10);
    expect(indentWithSpaces(atStart)).toBe(true);
    expect(atStart.state.doc.toString()).toBe('services:\n  ');
    const odd = fakeView('services:\n   ', 13);
    indentWithSpaces(odd);
    expect(odd.state.doc.toString()).toBe('services:\n    ');
    expect(odd.state.selection.main.head).toBe(14);
  });

  it('is left to the browser in a read-only editor, so focus moves on', () => {
    const view = fakeView('a: 1\n', 0, true);
    expect(indentWithSpaces(view)).toBe(false);
    expect(view.state.doc.toString()).toBe('a: 1\n');
  });
});

describe('the editor extensions', () => {
  it('build a state for both languages without a DOM', () => {
    for (const language of ['compose', 'env'] as const) {
      const state = EditorState.create({
        doc: 'a: 1\n',
        extensions: [baseExtensions(), languageExtensions(language)],
      });
      expect(state.facet(EditorState.tabSize)).toBe(2);
    }
  });
});
