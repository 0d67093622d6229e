import safeRegex from 'safe-regex2';

/** A pattern the log rules refuse; the message says why (routes: 400 on `pattern`). */
export class UnsafePatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePatternError';
  }
}

/**
 * Compiles a log rule's pattern, refusing what could hang the daemon: invalid syntax, nested
 * repetition like `(a+)+` (exponential backtracking), and backreferences. Lines are also cut to
 * MAX_LINE before matching, which bounds what is left.
 * @example compileLogPattern('ERROR .* failed', false) // /ERROR .* failed/
 */
export function compileLogPattern(pattern: string, ignoreCase: boolean): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(pattern, ignoreCase ? 'i' : '');
  } catch (err) {
    throw new UnsafePatternError(`not a regular expression: ${(err as Error).message}`);
  }
  if (/\\[1-9]|\\k</.test(pattern))
    throw new UnsafePatternError(
      'backreferences (\\1, \\k<name>) are not allowed: they can take exponential time',
    );
  if (!safeRegex(re))
    throw new UnsafePatternError(
      'the pattern repeats a repetition (like (a+)+), which can take exponential time; simplify it',
    );
  return re;
}

/** The longest part of a log line that is matched. */
export const MAX_LINE = 4096;
