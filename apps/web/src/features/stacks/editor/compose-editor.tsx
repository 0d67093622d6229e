import { Annotation, Compartment, EditorState, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import {
  accessExtensions,
  baseExtensions,
  languageExtensions,
  sizeExtensions,
  type EditorLanguage,
} from './editor-extensions.js';
import { errorLineEffects } from './error-line.js';
import { minimalChange } from './minimal-change.js';

export type ComposeEditorProps = {
  /** The text, exactly as typed: the editor never reformats it. */
  value: string;
  onChange: (text: string) => void;
  /** compose: YAML with the Compose schema's completion and checks; env: KEY=value lines. */
  language: EditorLanguage;
  readOnly?: boolean;
  /** The accessible name of the editable text. */
  label: string;
  /** A line (1-based) the server's validation named: marked and scrolled into view. */
  errorLine?: number | null;
  /** e.g. '24rem' */
  minHeight?: string;
};

/** Marks changes that come from `value`, so they are not reported back through onChange. */
const fromProps = Annotation.define<true>();

/** The editor keeps `\n` inside; a file written with CRLF is handed back with CRLF. */
const lineBreakOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

/**
 * A code editor for a stack's compose.yaml or .env: highlighting, and for Compose completion of keys
 * and values from the Compose schema and warnings about unknown keys and YAML errors.
 * @example <ComposeEditor label="compose.yaml" language="compose" value={text} onChange={setText} errorLine={12} />
 */
export function ComposeEditor({
  value,
  onChange,
  language,
  readOnly = false,
  label,
  errorLine = null,
  minHeight = '16rem',
}: ComposeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const lineBreakRef = useRef(lineBreakOf(value));
  // The first props build the editor; later changes reach it through the effects below.
  const initial = useRef({ value, language, readOnly, label, minHeight });
  const [compartments] = useState(() => ({
    language: new Compartment(),
    access: new Compartment(),
    size: new Compartment(),
  }));
  const hintId = useId();

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useLayoutEffect(() => {
    const parent = hostRef.current;
    if (!parent) return;
    const start = initial.current;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: start.value,
        extensions: [
          baseExtensions(),
          compartments.language.of(languageExtensions(start.language)),
          compartments.access.of(accessExtensions(start.readOnly, start.label, hintId)),
          compartments.size.of(sizeExtensions(start.minHeight)),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((tr) => tr.annotation(fromProps))) return;
            const { doc } = update.state;
            onChangeRef.current(doc.sliceString(0, doc.length, lineBreakRef.current));
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [compartments, hintId]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.language.reconfigure(languageExtensions(language)) });
  }, [compartments, language]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: compartments.access.reconfigure(accessExtensions(readOnly, label, hintId)),
    });
  }, [compartments, readOnly, label, hintId]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.size.reconfigure(sizeExtensions(minHeight)) });
  }, [compartments, minHeight]);

  // A new value from outside (a reload) replaces only what differs; the same text changes nothing.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    lineBreakRef.current = lineBreakOf(value);
    const change = minimalChange(view.state.doc.toString(), value.replace(/\r\n?/g, '\n'));
    if (change)
      view.dispatch({
        changes: change,
        annotations: [fromProps.of(true), Transaction.addToHistory.of(false)],
      });
  }, [value]);

  useEffect(() => {
    const view = viewRef.current;
    if (view) view.dispatch({ effects: errorLineEffects(view.state, errorLine) });
  }, [errorLine]);

  return (
    <div className="overflow-hidden rounded-md border border-line bg-surface">
      <div ref={hostRef} />
      {!readOnly && (
        <p id={hintId} className="border-t border-line px-3 py-1 text-xs text-muted">
          Tab indents. To leave the editor with the keyboard, press Escape, then Tab.
        </p>
      )}
    </div>
  );
}

export default ComposeEditor;
