import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/** The token colours a palette defines, each set as `--hm-code-<name>` on the editor. */
export type TokenColour =
  'key' | 'string' | 'comment' | 'label' | 'keyword' | 'variable' | 'punctuation' | 'invalid';

/**
 * Token colours per app theme, each at least 4.5:1 (WCAG AA) against the theme's `--surface`, also
 * under the error-line and active-line tints (checked in editor-theme.test.ts).
 */
export const TOKEN_PALETTES: Readonly<Record<'dark' | 'light', Readonly<Record<TokenColour, string>>>> = {
  dark: {
    key: '#7aa2ff',
    string: '#8fd694',
    comment: '#8b8f9c',
    label: '#5ccfe6',
    keyword: '#c79bff',
    variable: '#f5b461',
    punctuation: '#8b8f9c',
    invalid: '#f26d6d',
  },
  light: {
    key: '#2f4fef',
    string: '#0b7248',
    comment: '#5f6472',
    label: '#0b6b85',
    keyword: '#7a3bc4',
    variable: '#905600',
    punctuation: '#5f6472',
    invalid: '#b92b2b',
  },
};

/** How much of `--bad` tints the line the server named; more would cost text contrast. */
export const ERROR_LINE_TINT = 0.08;
/** How much of `--text` tints the cursor's line. */
export const ACTIVE_LINE_TINT = 0.04;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const tint = (variable: string, share: number) =>
  `color-mix(in srgb, var(${variable}) ${percent(share)}, transparent)`;
const colour = (name: TokenColour) => `var(--hm-code-${name})`;

const paletteVariables = (palette: Readonly<Record<TokenColour, string>>) =>
  Object.fromEntries(Object.entries(palette).map(([name, value]) => [`--hm-code-${name}`, value]));

const theme = EditorView.theme({
  // The app's default theme is dark (`:root`), so the dark palette is the default here too.
  '&': {
    ...paletteVariables(TOKEN_PALETTES.dark),
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    fontSize: '13px',
  },
  "[data-theme='light'] &": paletteVariables(TOKEN_PALETTES.light),
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: tint('--accent', 0.3) },
  '.cm-gutters': {
    backgroundColor: 'var(--surface)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: tint('--text', ACTIVE_LINE_TINT) },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--text)' },
  '.cm-hm-errorLine': { backgroundColor: tint('--bad', ERROR_LINE_TINT) },
  '.cm-hm-errorGutter .cm-gutterElement': { color: 'var(--bad)', fontWeight: '600', padding: '0 4px' },
  '&.cm-focused .cm-matchingBracket': {
    backgroundColor: tint('--accent', 0.2),
    outline: '1px solid var(--accent)',
  },
  '.cm-nonmatchingBracket': { color: 'var(--bad)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--accent)',
    color: 'var(--accent-text)',
  },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: 'inherit' },
  '.cm-completionInfo': { padding: '6px 10px', maxWidth: '28rem' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
  '.cm-diagnostic-info': { borderLeftColor: 'var(--accent)' },
  // Wavy underlines in the theme's colours instead of CodeMirror's fixed red and orange images.
  '.cm-lintRange-error, .cm-lintRange-warning, .cm-lintRange-info': {
    backgroundImage: 'none',
    textDecorationLine: 'underline',
    textDecorationStyle: 'wavy',
    textUnderlineOffset: '3px',
  },
  '.cm-lintRange-error': { textDecorationColor: 'var(--bad)' },
  '.cm-lintRange-warning': { textDecorationColor: 'var(--warn)' },
  '.cm-lintRange-info': { textDecorationColor: 'var(--accent)' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
});

const highlight = HighlightStyle.define([
  { tag: [t.definition(t.propertyName), t.propertyName], color: colour('key') },
  { tag: [t.string, t.special(t.string), t.attributeValue], color: colour('string') },
  { tag: t.comment, color: colour('comment'), fontStyle: 'italic' },
  { tag: t.labelName, color: colour('label') },
  { tag: [t.typeName, t.keyword], color: colour('keyword') },
  { tag: t.special(t.variableName), color: colour('variable') },
  {
    tag: [t.separator, t.punctuation, t.operator, t.squareBracket, t.brace, t.meta],
    color: colour('punctuation'),
  },
  { tag: t.invalid, color: colour('invalid') },
]);

/** Colours from the app's CSS variables, so the editor follows the light and dark themes. */
export const editorTheme: Extension = [theme, syntaxHighlighting(highlight)];
