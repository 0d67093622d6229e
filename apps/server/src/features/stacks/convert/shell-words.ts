import { ConvertError, positionsIn, type TextPosition } from './convert-error.js';
import { RESERVED_CHARACTERS, variableMark } from './interpolation.js';

/** One word of a pasted command, after quote removal, and where it starts. */
export interface ShellWord {
  /** Literal text, with shell variables as marks (see interpolation.ts). */
  text: string;
  position: TextPosition;
}

/** The words of a pasted command, and what a reader should know about how they were read. */
export interface ShellWords {
  words: ShellWord[];
  warnings: string[];
}

const BLANK = new Set([' ', '\t', '\n', '\r']);
const OPERATORS = new Set(['|', ';', '&', '<', '>', '(', ')']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMETER = /[0-9@*#?$!-]/;
/** `${NAME}`, and the defaults Compose understands too: `${NAME:-x}`, `${NAME-x}`, `${NAME:?x}`, `${NAME?x}`. */
const COMPOSE_EXPANSION = /^[A-Za-z_][A-Za-z0-9_]*(?::?[-?][^$`"'\\{}]*)?$/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

type Context = 'plain' | 'double-quoted';

/**
 * Splits a pasted command line into words the way a POSIX shell does for literal text: quotes,
 * backslash escapes and line continuations (`\` + LF or CRLF). Nothing is ever run or expanded:
 * `$NAME` and `${NAME}` outside single quotes become marks for Compose to fill in, `$(…)` and
 * backticks stay literal text with a warning (`$(pwd)` excepted: it is the variable `$PWD`).
 * Pipes, `;`, `&&`, `&` and redirections outside quotes are refused: it reads one command.
 * @example
 * splitShellWords(`docker run -e 'A=$1' "x y"`).words.map((w) => w.text); // ['docker', 'run', '-e', 'A=$1', 'x y']
 */
export function splitShellWords(input: string): ShellWords {
  return new ShellReader(input).read();
}

class ShellReader {
  private i = 0;
  private word: string | null = null;
  private wordStart = 0;
  private readonly words: ShellWord[] = [];
  private readonly warnings = new Set<string>();

  private readonly at: (offset: number) => TextPosition;

  constructor(private readonly input: string) {
    this.at = positionsIn(input);
  }

  read(): ShellWords {
    this.refuseUnreadableCharacters();
    const { input } = this;
    while (this.i < input.length) {
      const ch = input[this.i] as string;
      if (BLANK.has(ch)) {
        this.endWord();
        this.i++;
      } else if (ch === '#' && this.word === null) {
        this.skipComment();
      } else if (OPERATORS.has(ch)) {
        this.refuseOperator();
      } else if (ch === '\\') {
        this.backslash();
      } else if (ch === "'") {
        this.singleQuoted();
      } else if (ch === '"') {
        this.doubleQuoted();
      } else if (ch === '$') {
        this.dollar('plain');
      } else if (ch === '`') {
        this.backtick();
      } else {
        this.append(ch);
        this.i++;
      }
    }
    this.endWord();
    return { words: this.words, warnings: [...this.warnings] };
  }

  private refuseUnreadableCharacters(): void {
    const bad = CONTROL.exec(this.input) ?? RESERVED_CHARACTERS.exec(this.input);
    if (bad) {
      const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '';
      throw new ConvertError(
        `the command contains an unreadable character (U+${code}); paste it as plain text`,
        this.at(bad.index),
      );
    }
    if (/[\u2018\u2019\u201C\u201D]/.test(this.input)) {
      this.warnings.add(
        'the command contains typographic quotes (‘ ’ “ ”), which a shell keeps as ordinary characters; use plain quotes (\' ") if they were meant as quotes',
      );
    }
  }

  private append(text: string): void {
    if (this.word === null) {
      this.word = '';
      this.wordStart = this.i;
    }
    this.word += text;
  }

  private endWord(): void {
    if (this.word === null) return;
    this.words.push({ text: this.word, position: this.at(this.wordStart) });
    this.word = null;
  }

  private skipComment(): void {
    const end = this.input.indexOf('\n', this.i);
    this.i = end === -1 ? this.input.length : end;
  }

  private refuseOperator(): void {
    const ch = this.input[this.i] as string;
    const op = this.input[this.i + 1] === ch && ch !== '(' && ch !== ')' ? ch + ch : ch;
    throw new ConvertError(
      `\`${op}\` is shell syntax, not part of a docker run command: paste one docker run command, without pipes, ;, &&, & or redirections (quote the text if ${op} belongs to a value)`,
      this.at(this.i),
    );
  }

  /** Length of a line break at `offset` (LF or CRLF), or 0. */
  private lineBreakAt(offset: number): number {
    if (this.input[offset] === '\n') return 1;
    if (this.input[offset] === '\r' && this.input[offset + 1] === '\n') return 2;
    return 0;
  }

  private backslash(): void {
    const next = this.i + 1;
    const lineBreak = this.lineBreakAt(next);
    if (lineBreak > 0 || next >= this.input.length) {
      this.i = next + lineBreak; // a line continuation (or a stray backslash at the very end)
      return;
    }
    // `\ ` then only blanks to the end of the line: a continuation whose backslash picked up a
    // trailing space when copied. A shell would end the command there; the intent is plain.
    const rest = /^[ \t]+(?=\r?\n|$)/.exec(this.input.slice(next));
    if (rest && this.word === null) {
      this.warnings.add(
        'a backslash followed by spaces at the end of a line was read as a line continuation',
      );
      this.i = next + rest[0].length;
      this.i += this.lineBreakAt(this.i);
      return;
    }
    this.append(this.input[next] as string);
    this.i = next + 1;
  }

  private singleQuoted(): void {
    const open = this.i;
    const close = this.input.indexOf("'", open + 1);
    if (close === -1) {
      throw new ConvertError(`the single quote (') opened here is never closed`, this.at(open));
    }
    this.append(this.input.slice(open + 1, close));
    this.i = close + 1;
  }

  private doubleQuoted(): void {
    const open = this.i;
    this.append('');
    this.i++;
    for (;;) {
      const ch = this.input[this.i];
      if (ch === undefined) {
        throw new ConvertError(`the double quote (") opened here is never closed`, this.at(open));
      }
      if (ch === '"') {
        this.i++;
        return;
      }
      if (ch === '\\') {
        const next = this.input[this.i + 1];
        const lineBreak = this.lineBreakAt(this.i + 1);
        if (lineBreak > 0) {
          this.i += 1 + lineBreak;
        } else if (next === '$' || next === '`' || next === '"' || next === '\\') {
          this.append(next);
          this.i += 2;
        } else {
          this.append('\\');
          this.i++;
        }
      } else if (ch === '$') {
        this.dollar('double-quoted');
      } else if (ch === '`') {
        this.backtick();
      } else {
        this.append(ch);
        this.i++;
      }
    }
  }

  /** A `$` the shell would expand: variables become marks; everything else stays literal. */
  private dollar(context: Context): void {
    const start = this.i;
    const next = this.input[start + 1] ?? '';
    if (next === '{') {
      const close = this.input.indexOf('}', start + 2);
      if (close === -1) throw new ConvertError('the ${ opened here is never closed with }', this.at(start));
      const expression = this.input.slice(start + 2, close);
      if (COMPOSE_EXPANSION.test(expression)) {
        this.variable(expression);
      } else {
        this.warnings.add(
          `\${${expression}} is shell syntax Compose cannot fill in; it was kept as literal text`,
        );
        this.append(this.input.slice(start, close + 1));
      }
      this.i = close + 1;
    } else if (NAME_START.test(next)) {
      let end = start + 1;
      while (end < this.input.length && NAME_CHAR.test(this.input[end] as string)) end++;
      this.variable(this.input.slice(start + 1, end));
      this.i = end;
    } else if (next === '(') {
      const end = this.substitutionEnd(start + 2, start);
      this.substitution(this.input.slice(start, end));
      this.i = end;
    } else if (next === "'" && context === 'plain') {
      throw new ConvertError(
        "bash's $'…' quoting is not supported; write the value in plain single or double quotes",
        this.at(start),
      );
    } else if (next !== '' && SPECIAL_PARAMETER.test(next)) {
      this.warnings.add(`the shell parameter $${next} is not expanded; it was kept as literal text`);
      this.append('$' + next);
      this.i = start + 2;
    } else {
      this.append('$');
      this.i++;
    }
  }

  private variable(expression: string): void {
    this.append(variableMark(expression));
  }

  /** A command substitution, kept as literal text; `$(pwd)` is the shell's `$PWD`, a variable. */
  private substitution(text: string): void {
    if (text === '$(pwd)' || text === '`pwd`') {
      this.variable('PWD');
      return;
    }
    this.warnings.add(`the command substitution ${text} is not run; it was kept as literal text`);
    this.append(text);
  }

  private backtick(): void {
    const open = this.i;
    let end = open + 1;
    while (end < this.input.length && this.input[end] !== '`') end += this.input[end] === '\\' ? 2 : 1;
    if (end >= this.input.length) {
      throw new ConvertError('the backtick (`) opened here is never closed', this.at(open));
    }
    this.substitution(this.input.slice(open, end + 1));
    this.i = end + 1;
  }

  /** The offset just past the `)` that closes a `$(` whose body starts at `from`. */
  private substitutionEnd(from: number, open: number): number {
    let depth = 1;
    let i = from;
    while (i < this.input.length) {
      const ch = this.input[i];
      if (ch === '\\') i += 2;
      else if (ch === "'") i = this.closing("'", i);
      else if (ch === '"') i = this.closing('"', i);
      else {
        if (ch === '(') depth++;
        else if (ch === ')' && --depth === 0) return i + 1;
        i++;
      }
    }
    throw new ConvertError('the $( opened here is never closed with )', this.at(open));
  }

  /** The offset just past the quote that closes the one at `open`, inside a substitution. */
  private closing(quote: string, open: number): number {
    let i = open + 1;
    while (i < this.input.length && this.input[i] !== quote)
      i += quote === '"' && this.input[i] === '\\' ? 2 : 1;
    return i + 1;
  }
}
