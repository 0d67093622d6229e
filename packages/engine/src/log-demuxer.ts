import { Transform, type TransformCallback } from 'node:stream';

/** One line of container output. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** The line without its newline. */
  line: string;
  /** The engine's RFC 3339 timestamp, when the logs were requested with `timestamps`. */
  ts?: string;
}

/** How the raw stream was produced. */
export interface LogDemuxOptions {
  /** The container has a TTY: the stream is raw stdout, not multiplexed. */
  tty: boolean;
  /** The logs were requested with `timestamps: true`. */
  timestamps: boolean;
  /**
   * A line longer than this is emitted in pieces, so output without newlines cannot grow memory
   * without bound. Default 1 MiB.
   */
  maxLineBytes?: number;
}

const HEADER_SIZE = 8;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** A line being assembled for one stream, from frames that may each hold only part of it. */
class PendingLine {
  parts: Buffer[] = [];
  size = 0;
  ts: string | undefined;
  /** The start of this line was already emitted (it was longer than the limit). */
  continued = false;

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  take(stream: LogLine['stream'], stripCr: boolean): LogLine {
    let bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    if (stripCr && bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    const out: LogLine = { stream, line: bytes.toString('utf8') };
    if (this.ts !== undefined) out.ts = this.ts;
    this.parts = [];
    this.size = 0;
    this.ts = undefined;
    return out;
  }

  get open(): boolean {
    return this.size > 0 || this.ts !== undefined;
  }
}

/**
 * Turns the engine's raw log (or exec) stream into lines. Multiplexed streams carry frames of an
 * 8-byte header (stream type, 3 zero bytes, big-endian payload size) and a payload; chunks split
 * frames anywhere. Push chunks in, take lines out; call `end()` for a trailing unterminated line.
 *
 * @example
 * const demuxer = new LogDemuxer({ tty: false, timestamps: true });
 * for await (const chunk of stream) for (const l of demuxer.push(chunk)) console.log(l.stream, l.line);
 * for (const l of demuxer.end()) console.log(l.stream, l.line);
 */
export class LogDemuxer {
  private readonly tty: boolean;
  private readonly timestamps: boolean;
  private readonly maxLineBytes: number;
  private readonly lines = { stdout: new PendingLine(), stderr: new PendingLine() };
  /** Bytes of the current frame (header included) not yet complete. */
  private frameParts: Buffer[] = [];
  private frameSize = 0;

  constructor(options: LogDemuxOptions) {
    this.tty = options.tty;
    this.timestamps = options.timestamps;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /** Feeds a chunk of the raw stream; returns the lines it completed. */
  push(chunk: Buffer): LogLine[] {
    const out: LogLine[] = [];
    if (this.tty) this.addText('stdout', chunk, out, undefined);
    else this.addFrames(chunk, out);
    return out;
  }

  /** Ends the stream; returns the unterminated lines still held, stdout's first. */
  end(): LogLine[] {
    const out: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const pending = this.lines[stream];
      if (pending.open) out.push(this.finish(stream, false));
    }
    this.frameParts = [];
    this.frameSize = 0;
    return out;
  }

  private addFrames(chunk: Buffer, out: LogLine[]): void {
    let data = chunk;
    if (this.frameSize > 0) {
      // Gather pieces until the frame is whole, so a large frame is concatenated once, not per chunk.
      this.frameParts.push(chunk);
      this.frameSize += chunk.length;
      if (this.frameSize < this.heldFrameLength()) return;
      data = Buffer.concat(this.frameParts, this.frameSize);
      this.frameParts = [];
      this.frameSize = 0;
    }
    let offset = 0;
    while (data.length - offset >= HEADER_SIZE) {
      const size = data.readUInt32BE(offset + 4);
      const end = offset + HEADER_SIZE + size;
      if (end > data.length) break;
      // 0 is stdin (echoed by attach) and 3 the engine's own errors; neither is a stream of ours.
      const stream = data[offset] === 2 || data[offset] === 3 ? 'stderr' : 'stdout';
      this.addFrame(stream, data.subarray(offset + HEADER_SIZE, end), out);
      offset = end;
    }
    if (offset < data.length) {
      // Keep a copy: the caller may reuse its chunk, and a slice would pin all of it.
      const rest = Buffer.from(data.subarray(offset));
      this.frameParts.push(rest);
      this.frameSize = rest.length;
    }
  }

  /** The length of the frame being held, header included, as far as its header is known. */
  private heldFrameLength(): number {
    if (this.frameSize < HEADER_SIZE) return HEADER_SIZE;
    if (this.frameParts[0]!.length < HEADER_SIZE)
      this.frameParts = [Buffer.concat(this.frameParts, this.frameSize)];
    return HEADER_SIZE + this.frameParts[0]!.readUInt32BE(4);
  }

  private addFrame(stream: LogLine['stream'], payload: Buffer, out: LogLine[]): void {
    if (!this.timestamps) {
      this.addText(stream, payload, out, undefined);
      return;
    }
    // Every frame starts with its own timestamp, including the json-file driver's pieces of a line
    // over 16 KiB; a piece continuing an unterminated line is appended and keeps the first stamp.
    const space = payload.indexOf(SPACE);
    const ts = payload.toString('latin1', 0, space === -1 ? payload.length : space);
    this.addText(stream, space === -1 ? Buffer.alloc(0) : payload.subarray(space + 1), out, ts);
  }

  private addText(stream: LogLine['stream'], bytes: Buffer, out: LogLine[], ts: string | undefined): void {
    const pending = this.lines[stream];
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(NEWLINE, start);
      const startsSegment = newline !== -1 || start < bytes.length;
      if (ts !== undefined && startsSegment && !pending.open) pending.ts = ts;
      if (newline === -1) break;
      pending.append(bytes.subarray(start, newline));
      out.push(this.finish(stream, false));
      start = newline + 1;
    }
    if (start < bytes.length) {
      // Copy: the rest may wait for many chunks, and a slice would pin the whole chunk meanwhile.
      pending.append(Buffer.from(bytes.subarray(start)));
      if (pending.size >= this.maxLineBytes) out.push(this.finish(stream, true));
    }
  }

  /** `cut` marks a line emitted early because it grew past `maxLineBytes`. */
  private finish(stream: LogLine['stream'], cut: boolean): LogLine {
    const pending = this.lines[stream];
    const continued = pending.continued;
    const line = pending.take(stream, this.tty);
    pending.continued = cut;
    // A TTY stream is not framed, so a timestamp is a plain prefix of each line's first piece.
    if (this.tty && this.timestamps && !continued) {
      const space = line.line.indexOf(' ');
      line.ts = space === -1 ? line.line : line.line.slice(0, space);
      line.line = space === -1 ? '' : line.line.slice(space + 1);
    }
    return line;
  }
}

/** Demuxes a raw log stream into lines, as an async iterable. */
export async function* demuxLogStream(
  stream: AsyncIterable<Buffer | Uint8Array>,
  options: LogDemuxOptions,
): AsyncGenerator<LogLine> {
  const demuxer = new LogDemuxer(options);
  for await (const chunk of stream) yield* demuxer.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  yield* demuxer.end();
}

/** A Transform taking raw log bytes and giving `LogLine` objects, for `pipeline()`. */
export function createLogDemuxTransform(options: LogDemuxOptions): Transform {
  const demuxer = new LogDemuxer(options);
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      for (const line of demuxer.push(chunk)) this.push(line);
      callback();
    },
    flush(callback: TransformCallback) {
      for (const line of demuxer.end()) this.push(line);
      callback();
    },
  });
}
