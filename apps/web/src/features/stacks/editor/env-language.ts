import { StreamLanguage, type StringStream, type StreamParser } from '@codemirror/language';

/** Where in a `KEY=value` line the tokenizer is; a quote can carry a value over several lines. */
export interface EnvState {
  part: 'key' | 'equals' | 'value';
  quote: '"' | "'" | null;
}

const INTERPOLATION = /^\$(?:\{[^}\n]*\}?|\w+)/;

/** The rest of a quoted value, up to its closing quote, the line's end or (in "…") an interpolation. */
function quoted(stream: StringStream, state: EnvState): string {
  const start = stream.pos;
  while (!stream.eol()) {
    if (state.quote === '"' && stream.match(INTERPOLATION, false)) {
      if (stream.pos > start) return 'string';
      stream.match(INTERPOLATION);
      return 'variableName.special';
    }
    const ch = stream.next();
    if (ch === '\\' && state.quote === '"') stream.next();
    else if (ch === state.quote) {
      state.quote = null;
      break;
    }
  }
  return 'string';
}

function value(stream: StringStream, state: EnvState): string | null {
  const before = stream.pos === 0 ? ' ' : stream.string.charAt(stream.pos - 1);
  const next = stream.peek();
  // An inline comment needs a space before its `#`; `a#b` is a value.
  if (next === '#' && /\s/.test(before)) {
    stream.skipToEnd();
    return 'comment';
  }
  if (next === '"' || next === "'") {
    stream.next();
    state.quote = next;
    return quoted(stream, state);
  }
  if (stream.match(INTERPOLATION)) return 'variableName.special';
  if (!stream.match(/^[^\s$#"']+/)) stream.next();
  return 'string';
}

/** Tokens of a `.env` file: comments, `export`, KEY, `=`, the value, quotes and `${VAR}`. */
export const envStreamParser: StreamParser<EnvState> = {
  name: 'env',
  startState: () => ({ part: 'key', quote: null }),
  copyState: (state) => ({ ...state }),
  token(stream, state) {
    if (state.quote) return quoted(stream, state);
    if (stream.sol()) state.part = 'key';
    if (stream.eatSpace()) return null;
    switch (state.part) {
      case 'key':
        if (stream.peek() === '#') {
          stream.skipToEnd();
          return 'comment';
        }
        if (stream.match(/^export(?=[ \t])/)) return 'keyword';
        if (stream.match(/^[A-Za-z_][\w.-]*/)) {
          state.part = 'equals';
          return 'propertyName.definition';
        }
        break;
      case 'equals':
        if (stream.eat('=')) {
          state.part = 'value';
          return 'operator';
        }
        break;
      case 'value':
        return value(stream, state);
    }
    stream.skipToEnd();
    return 'invalid';
  },
  languageData: { commentTokens: { line: '#' } },
};

/** The `.env` language for CodeMirror. */
export const envLanguage = StreamLanguage.define(envStreamParser);
