import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { keysAt, valuesAt, type KeyInfo } from './compose-schema.js';
import { contextAt } from './yaml-path.js';

const WORD = /^[\w.-]*/;
/** While the typed text still matches, CodeMirror filters the same result instead of asking again. */
const VALID_FOR = /^[\w.-]*$/;

/** Plain words YAML 1.1 reads as booleans; Compose wants the string, so they go in quoted. */
const YAML11_BOOLEANS = new Set(['y', 'n', 'yes', 'no', 'on', 'off']);

/** `key: `, or the key with its block opened on the next line when it only holds a mapping or a list. */
function keyInsertion(key: KeyInfo, column: number): string {
  const indent = ' '.repeat(column + 2);
  if (key.type === 'mapping') return `${key.name}:\n${indent}`;
  if (key.type === 'list') return `${key.name}:\n${indent}- `;
  return `${key.name}: `;
}

function keyOption(key: KeyInfo, column: number, keyOnly: boolean): Completion {
  return {
    label: key.name,
    type: 'property',
    detail: key.type,
    ...(key.description ? { info: key.description } : {}),
    apply: keyOnly ? key.name : keyInsertion(key, column),
    ...(key.deprecated ? { boost: -1 } : {}),
  };
}

function valueOption(value: string): Completion {
  const bool = value === 'true' || value === 'false';
  return {
    label: value,
    type: bool ? 'keyword' : 'enum',
    ...(YAML11_BOOLEANS.has(value) ? { apply: `"${value}"` } : {}),
  };
}

/**
 * Completions at `pos` in a Compose file: the keys the schema allows in the mapping being typed
 * into (type as detail, description as info), or the known values after `key: `. `text` needs to
 * reach only to the end of the cursor's line. Keys complete only once typing has begun, unless asked.
 * @example composeCompletions('services:\n  web:\n    restart: ', 30, false)?.options.map((o) => o.label)
 * // ['no', 'always', 'on-failure', 'unless-stopped']
 */
export function composeCompletions(text: string, pos: number, explicit: boolean): CompletionResult | null {
  const context = contextAt(text, pos);
  if (!context) return null;
  const lineEnd = text.indexOf('\n', pos);
  const after = text.slice(pos, lineEnd < 0 ? text.length : lineEnd);
  const to = pos + (WORD.exec(after)?.[0].length ?? 0);
  if (context.kind === 'value') {
    const options = valuesAt(context.path).map(valueOption);
    return options.length > 0 ? { from: context.from, to, options, validFor: VALID_FOR } : null;
  }
  if (context.prefix === '' && !explicit) return null;
  // Over an existing `key:` only the name is replaced.
  const keyOnly = /^\s*:/.test(after.slice(to - pos));
  const options = keysAt(context.path).map((key) => keyOption(key, context.column, keyOnly));
  return options.length > 0 ? { from: context.from, to, options, validFor: VALID_FOR } : null;
}

/** The CodeMirror completion source for Compose files. */
export function composeCompletionSource(cx: CompletionContext): CompletionResult | null {
  const lineEnd = cx.state.doc.lineAt(cx.pos).to;
  return composeCompletions(cx.state.sliceDoc(0, lineEnd), cx.pos, cx.explicit);
}
