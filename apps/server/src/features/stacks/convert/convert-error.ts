/** Where something is in the pasted command, 1-based, as an editor shows it. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * A finder of line and column by character offset in `text`: the line starts are found once, so
 * placing every word of a long paste stays cheap.
 * @example
 * positionsIn('a\nbc')(3); // { line: 2, column: 2 }
 */
export function positionsIn(text: string): (offset: number) => TextPosition {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
  };
}

/** `line 2, column 14`, for messages. */
export const describePosition = (p: TextPosition) => `line ${p.line}, column ${p.column}`;

/**
 * A pasted command the converter cannot read, with a message that says what is wrong, where, and
 * what it expects. The routes answer it as a 400; anything else thrown is a bug.
 */
export class ConvertError extends Error {
  override readonly name = 'ConvertError';
  constructor(
    message: string,
    readonly position?: TextPosition,
  ) {
    super(position ? `${message} (at ${describePosition(position)})` : message);
  }
}
