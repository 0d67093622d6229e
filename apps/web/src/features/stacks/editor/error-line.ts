import { RangeSet, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutter } from '@codemirror/view';

/** Marks a line (1-based) or clears the mark (null). */
const setErrorLine = StateEffect.define<number | null>();

const lineDecoration = Decoration.line({ class: 'cm-hm-errorLine' });

/** The start of the marked line; it stays with the line's text as lines are added or removed above. */
const errorLineField = StateField.define<number | null>({
  create: () => null,
  update(start, tr) {
    let next = start === null ? null : tr.state.doc.lineAt(tr.changes.mapPos(start, 1)).from;
    for (const effect of tr.effects)
      if (effect.is(setErrorLine))
        next =
          effect.value === null ? null : tr.state.doc.line(Math.min(effect.value, tr.state.doc.lines)).from;
    return next;
  },
  provide: (field) =>
    EditorView.decorations.from(field, (start) =>
      start === null ? Decoration.none : Decoration.set([lineDecoration.range(start)]),
    ),
});

class ErrorMarker extends GutterMarker {
  override toDOM() {
    const mark = document.createElement('span');
    mark.textContent = '!';
    mark.title = 'Compose reported an error on this line';
    return mark;
  }
}
const errorMarker = new ErrorMarker();

/** The line the server's validation named: a tinted line and a `!` in its own gutter. */
export const errorLine: Extension = [
  errorLineField,
  gutter({
    class: 'cm-hm-errorGutter',
    markers: (view) => {
      const start = view.state.field(errorLineField);
      return start === null ? RangeSet.empty : RangeSet.of([errorMarker.range(start)]);
    },
    initialSpacer: () => errorMarker,
  }),
];

/** The marked line (1-based), or null. */
export function errorLineAt(state: EditorState): number | null {
  const start = state.field(errorLineField, false);
  return start == null ? null : state.doc.lineAt(start).number;
}

/**
 * Effects that mark `line` (clamped to the document) and scroll it to the middle, or clear the mark.
 * @example view.dispatch({ effects: errorLineEffects(view.state, 12) })
 */
export function errorLineEffects(state: EditorState, line: number | null): StateEffect<unknown>[] {
  if (line === null || !Number.isInteger(line) || line < 1) return [setErrorLine.of(null)];
  const clamped = Math.min(line, state.doc.lines);
  return [setErrorLine.of(clamped), EditorView.scrollIntoView(state.doc.line(clamped).from, { y: 'center' })];
}
