/**
 * Splits a stream of text into lines on `\n` and on a lone `\r` (progress bars redraw with `\r`),
 * treating `\r\n` as one break even when it arrives split across two chunks. ANSI codes pass through.
 */
export class LineSplitter {
  private partial = '';
  /** The previous chunk ended in `\r`: a `\n` opening the next chunk belongs to that same break. */
  private afterCr = false;

  /** Feeds a chunk; returns the lines it completed (a trailing partial line waits for more). */
  push(chunk: string): string[] {
    const lines: string[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (ch === '\n' && this.afterCr) {
        this.afterCr = false;
        continue;
      }
      this.afterCr = ch === '\r';
      if (ch === '\n' || ch === '\r') {
        lines.push(this.partial);
        this.partial = '';
      } else {
        this.partial += ch;
      }
    }
    return lines;
  }

  /** Ends the stream; returns the last line when it had no line break of its own. */
  flush(): string[] {
    const rest = this.partial;
    this.partial = '';
    this.afterCr = false;
    return rest === '' ? [] : [rest];
  }
}
