import { autocompletion } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentLess, indentMore } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { EditorSelection, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type Command,
} from '@codemirror/view';
import { composeCompletionSource } from './compose-completion.js';
import { lintCompose } from './compose-lint.js';
import { editorTheme } from './editor-theme.js';
import { envLanguage } from './env-language.js';
import { errorLine } from './error-line.js';

/** Which text the editor holds. */
export type EditorLanguage = 'compose' | 'env';

const INDENT = 2;

/**
 * Tab: spaces to the next 2-column stop at the cursor, or the selected lines indented. In a
 * read-only editor Tab is left to the browser and moves the focus on.
 */
export const indentWithSpaces: Command = (view) => {
  if (view.state.readOnly) return false;
  if (view.state.selection.ranges.some((range) => !range.empty)) return indentMore(view);
  view.dispatch(
    view.state.changeByRange((range) => {
      const column = range.head - view.state.doc.lineAt(range.head).from;
      const spaces = ' '.repeat(INDENT - (column % INDENT));
      return {
        changes: { from: range.head, insert: spaces },
        range: EditorSelection.cursor(range.head + spaces.length),
      };
    }),
    { scrollIntoView: true, userEvent: 'input.indent' },
  );
  return true;
};

/** Everything both languages share: gutters, history, keys, theme, the error-line mark. */
export function baseExtensions(): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    indentUnit.of(' '.repeat(INDENT)),
    EditorState.tabSize.of(INDENT),
    // Binding Tab would trap keyboard users; CodeMirror lets them out with Escape then Tab
    // (or Ctrl-M / Shift-Alt-M to switch Tab to moving focus), and the editor says so below it.
    keymap.of([{ key: 'Tab', run: indentWithSpaces, shift: indentLess }, ...defaultKeymap, ...historyKeymap]),
    editorTheme,
    errorLine,
  ];
}

/** Highlighting, and for Compose files the schema's completion and checks. */
export function languageExtensions(language: EditorLanguage): Extension {
  switch (language) {
    case 'compose':
      return [
        yaml(),
        linter((view) => lintCompose(view.state.doc.toString())),
        lintGutter(),
        keymap.of(lintKeymap),
        // After a key is picked, its values (restart: no, always…) are offered straight away.
        autocompletion({
          override: [composeCompletionSource],
          activateOnCompletion: (completion) => completion.type === 'property',
        }),
      ];
    case 'env':
      return envLanguage;
  }
}

/** Read-only state and the accessible name (and, when editable, the note on leaving with the keyboard). */
export function accessExtensions(readOnly: boolean, label: string, hintId: string): Extension {
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of(
      readOnly
        ? { 'aria-label': label, 'aria-readonly': 'true' }
        : { 'aria-label': label, 'aria-describedby': hintId },
    ),
  ];
}

/** The editor's minimum height, e.g. `24rem`; on the content and gutters, so a click below the text still lands in it. */
export function sizeExtensions(minHeight: string): Extension {
  return EditorView.theme({ '.cm-content, .cm-gutter': { minHeight } });
}
