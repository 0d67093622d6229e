import type { Readable } from 'node:stream';

const NEWLINE = 0x0a;

/**
 * Reads newline-delimited JSON (the engine's event and progress streams) and yields each message,
 * parsed by `parse` (plain `JSON.parse` by default). Blank lines are skipped; a final unterminated
 * line still counts.
 */
export async function* readNdjson<T>(
  stream: Readable | AsyncIterable<Buffer>,
  parse: (text: string) => T = (text) => JSON.parse(text) as T,
): AsyncGenerator<T> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let start = 0;
    let end = pending.indexOf(NEWLINE, start);
    while (end !== -1) {
      const text = pending.toString('utf8', start, end).trim();
      if (text !== '') yield parse(text);
      start = end + 1;
      end = pending.indexOf(NEWLINE, start);
    }
    pending = pending.subarray(start);
  }
  const text = pending.toString('utf8').trim();
  if (text !== '') yield parse(text);
}
