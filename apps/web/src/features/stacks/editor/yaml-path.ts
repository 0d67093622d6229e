import type { PathSegment } from './schema-node.js';

/*
 * Completion runs while the document is half-typed, when a YAML parser sees errors rather than the
 * structure. So the path is found from indentation alone: from the cursor's line upwards, each line
 * less indented than the current entry is its container. Only block style is followed; inside
 * flow collections, quoted or block scalars and comments there is no path (null).
 */

/** What the cursor is typing, and where in the document. */
export type CursorContext =
  /** A key of the mapping at `path`; `prefix` is what is typed of it, starting at `from`. */
  | { kind: 'key'; path: PathSegment[]; prefix: string; from: number; column: number }
  /** The value of the key that ends `path`, after `key: `. */
  | { kind: 'value'; path: PathSegment[]; prefix: string; from: number };

type Token =
  | { type: 'dash'; column: number }
  | { type: 'key'; column: number; key: string; value: string; valueColumn: number }
  | { type: 'scalar'; column: number; text: string };

/** The entry being looked up from: a mapping key or a list item, by column. */
interface Entry {
  type: 'key' | 'item';
  column: number;
  /** For an item: how many items of its list precede it. */
  index: number;
}

// A block mapping key: quoted, or plain up to the first `:` followed by a space or the line's end.
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#{}[\],&*!|>%@`][^#]*?)[ \t]*:(?=[ \t]|$)/;
const DASH = /^-(?=[ \t]|$)/;
const DOCUMENT_BOUNDARY = /^(?:---|\.\.\.|%)/;
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g;
const ANCHORS_AND_TAGS_ONLY = /^(?:[&!]\S*\s*)*$/;

/** Where the line holding `pos` starts (`lastIndexOf` would look at index 0 for a `pos` of 0). */
const lineStartOf = (text: string, pos: number) => (pos <= 0 ? 0 : text.lastIndexOf('\n', pos - 1) + 1);
const indentOf = (line: string) => line.length - line.trimStart().length;
const withoutComment = (value: string) => value.replace(/(?:^|\s)#.*$/, '').trim();
const inComment = (text: string) => /(?:^|\s)#/.test(text.replace(QUOTED, '""'));

function unquote(key: string): string {
  if (key.startsWith("'")) return key.slice(1, -1).replaceAll("''", "'");
  if (!key.startsWith('"')) return key;
  try {
    return JSON.parse(key) as string;
  } catch {
    return key.slice(1, -1);
  }
}

/** The structure a line starts with: list dashes, then a key or a scalar. Empty for comments and blanks. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let column = indentOf(line);
  for (;;) {
    const rest = line.slice(column);
    if (rest === '' || rest.startsWith('#')) return tokens;
    if (DASH.test(rest)) {
      tokens.push({ type: 'dash', column });
      column += 1 + indentOf(rest.slice(1));
      continue;
    }
    const key = KEY.exec(rest);
    if (!key) {
      tokens.push({ type: 'scalar', column, text: rest });
      return tokens;
    }
    const afterColon = column + key[0].length;
    const valueColumn = afterColon + indentOf(line.slice(afterColon));
    const value = withoutComment(line.slice(valueColumn));
    tokens.push({ type: 'key', column, key: unquote(key[1] ?? ''), value, valueColumn });
    return tokens;
  }
}

/** A key whose value follows on the next lines: nothing after the colon but an anchor or a tag. */
const opensBlock = (value: string) => ANCHORS_AND_TAGS_ONLY.test(value);

/** Steps out through the list dashes that precede an entry on its own line (`- - key`). */
function enterDashes(entry: Entry, dashes: readonly Token[], path: PathSegment[]): Entry {
  let current = entry;
  for (let i = dashes.length - 1; i >= 0; i--) {
    if (current.type === 'item') path.unshift(current.index);
    current = { type: 'item', column: dashes[i]?.column ?? 0, index: 0 };
  }
  return current;
}

/**
 * What one earlier line means for the entry: `skip` it, it is a `sibling`, or it is the
 * `container` (then `path` has grown and the entry is the container). Null: no path exists.
 */
function step(entry: Entry, tok: Token, path: PathSegment[]): Entry | null | 'skip' {
  if (tok.column === entry.column) {
    if (entry.type === 'key') return tok.type === 'dash' ? 'skip' : entry; // a dash: a list under a sibling
    if (tok.type === 'dash') return { ...entry, index: entry.index + 1 };
    if (tok.type === 'scalar') return 'skip';
    // `key:` with its list items at the same column.
    if (!opensBlock(tok.value)) return null;
    path.unshift(tok.key, entry.index);
    return { type: 'key', column: tok.column, index: 0 };
  }
  // Less indented: the container, unless the entry is a continuation of its scalar value.
  if (tok.type === 'scalar' || (tok.type === 'key' && !opensBlock(tok.value))) return null;
  if (entry.type === 'item') path.unshift(entry.index);
  if (tok.type === 'dash') return { type: 'item', column: tok.column, index: 0 };
  path.unshift(tok.key);
  return { type: 'key', column: tok.column, index: 0 };
}

/** The path of the collection holding an entry at `column` on the line starting at `lineStart`. */
function containerPath(text: string, lineStart: number, start: Entry, dashes: readonly Token[]) {
  const path: PathSegment[] = [];
  let entry = enterDashes(start, dashes, path);
  for (let end = lineStart - 1; end >= 0;) {
    const from = lineStartOf(text, end);
    const line = text.slice(from, end).replace(/\r$/, '');
    end = from - 1;
    if (from === 0 && line.charCodeAt(0) === 0xfeff) continue;
    if (DOCUMENT_BOUNDARY.test(line)) break;
    // Cheap test first: a line more indented than the entry can neither contain nor precede it.
    if (indentOf(line) > entry.column) continue;
    const tokens = tokenize(line);
    const j = tokens.findLastIndex((t) => t.column <= entry.column);
    const tok = tokens[j];
    if (!tok) continue;
    const next = step(entry, tok, path);
    if (next === null) return null;
    if (next === 'skip') continue;
    entry = enterDashes(next, tokens.slice(0, j), path);
  }
  if (entry.type === 'item') path.unshift(entry.index);
  return path;
}

/**
 * What the cursor at `pos` is typing: a key (and the path of its mapping) or a value (and the path
 * of its key). Null inside comments, quoted, flow and block scalars.
 * @example contextAt('services:\n  web:\n    rest', 25) // { kind: 'key', path: ['services', 'web'], prefix: 'rest', … }
 */
export function contextAt(text: string, pos: number): CursorContext | null {
  const lineStart = lineStartOf(text, pos);
  const before = text.slice(lineStart, pos).replaceAll('\r', '');
  if (inComment(before)) return null;
  const tokens = tokenize(before);
  const last = tokens.at(-1);
  if (last?.type === 'key') {
    if (last.valueColumn === before.length && !/\s$/.test(before)) return null; // `key:|`
    const prefix = before.slice(last.valueColumn);
    if (/^[[{"'&*!|>]/.test(prefix)) return null;
    const path = containerPath(
      text,
      lineStart,
      { type: 'key', column: last.column, index: 0 },
      tokens.slice(0, -1),
    );
    return path && { kind: 'value', path: [...path, last.key], prefix, from: lineStart + last.valueColumn };
  }
  if (last?.type === 'scalar' && !/^[\w.-]*$/.test(last.text)) return null;
  const dashes = last?.type === 'scalar' ? tokens.slice(0, -1) : tokens;
  const lastDash = dashes.at(-1)?.column ?? -2;
  const column = last?.type === 'scalar' ? last.column : Math.max(before.length, lastDash + 2);
  const prefix = last?.type === 'scalar' ? last.text : '';
  const path = containerPath(text, lineStart, { type: 'key', column, index: 0 }, dashes);
  const from = last?.type === 'scalar' ? lineStart + last.column : pos;
  return path && { kind: 'key', path, prefix, from, column };
}

/**
 * The key path at a position: the mapping a key is typed into, or the key a value belongs to.
 * @example pathAt('services:\n  web:\n    restart: al', 32) // ['services', 'web', 'restart']
 */
export function pathAt(text: string, pos: number): PathSegment[] | null {
  return contextAt(text, pos)?.path ?? null;
}
