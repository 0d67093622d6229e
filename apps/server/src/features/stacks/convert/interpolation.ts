// The pasted command's text travels through the converter as literal text, exactly as the shell
// would hand it to docker, except for the shell variables the shell would have filled in
// (`$NAME`, `${NAME}`, `"${NAME:-default}"`): those are kept as marks. Compose interpolates every
// value of a compose file, so when the file is written each literal `$` becomes `$$` (Compose
// turns it back into one `$`) and each mark becomes `${…}`, which Compose fills in from the
// stack's `.env` file or its own environment — the nearest thing to what the shell did.
// The marks are two private-use characters; the shell reader refuses them in pasted text.

const OPEN = '\u{E000}';
const CLOSE = '\u{E001}';
const MARK = /\u{E000}([^\u{E001}]*)\u{E001}/gu;

/** Characters a pasted command may not contain: they would be read as marks. */
export const RESERVED_CHARACTERS = /[\u{E000}\u{E001}]/u;

/**
 * Marks a shell variable for Compose to fill in: `expression` is what goes between `${` and `}`.
 * @example
 * toComposeText(`${variableMark('PGPASS')}-x`); // '${PGPASS}-x'
 */
export const variableMark = (expression: string) => OPEN + expression + CLOSE;

/** Whether the text holds a shell variable (so it is not known until Compose runs). */
export const hasVariable = (text: string) => text.includes(OPEN);

/** Whether the text begins with a shell variable, like `$HOME/data`. */
export const startsWithVariable = (text: string) => text.startsWith(OPEN);

const escapeDollars = (text: string) => text.replaceAll('$', () => '$$');

/**
 * The text as a compose file value: literal `$` doubled, variables as `${…}`.
 * @example
 * toComposeText('echo $HOME'); // 'echo $$HOME' — the container's shell sees $HOME
 */
export function toComposeText(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARK)) {
    out += escapeDollars(text.slice(last, m.index)) + '${' + m[1] + '}';
    last = m.index + m[0].length;
  }
  return out + escapeDollars(text.slice(last));
}

/** The names of the shell variables in the text, in order of first use. */
export function variablesIn(text: string): string[] {
  const names = [...text.matchAll(MARK)].map((m) => /^[A-Za-z0-9_]*/.exec(m[1] ?? '')?.[0] ?? '');
  return [...new Set(names)];
}

/** The text as a person reads it in a message: variables as `${…}`, `$` as typed. */
export const displayText = (text: string) => text.replace(MARK, (_m, e: string) => '${' + e + '}');
