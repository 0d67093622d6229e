import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  LogDemuxer,
  createLogDemuxTransform,
  demuxLogStream,
  type LogDemuxOptions,
  type LogLine,
} from './log-demuxer.js';

function frame(type: 1 | 2 | 3, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function demux(chunks: Buffer[], options: LogDemuxOptions): LogLine[] {
  const demuxer = new LogDemuxer(options);
  return [...chunks.flatMap((c) => demuxer.push(c)), ...demuxer.end()];
}

const plain = { tty: false, timestamps: false };
const stamped = { tty: false, timestamps: true };
const TS1 = '2024-05-01T10:00:00.000000001Z';
const TS2 = '2024-05-01T10:00:00.000000002Z';
const TS3 = '2024-05-01T10:00:00.000000003Z';

describe('LogDemuxer, multiplexed', () => {
  const stream = Buffer.concat([
    frame(1, 'one\n'),
    frame(2, 'err one\n'),
    frame(1, 'two\nthree\n'),
    frame(1, 'fo'),
    frame(1, 'ur\n'),
    frame(2, 'é—✓\n'),
  ]);
  const expected: LogLine[] = [
    { stream: 'stdout', line: 'one' },
    { stream: 'stderr', line: 'err one' },
    { stream: 'stdout', line: 'two' },
    { stream: 'stdout', line: 'three' },
    { stream: 'stdout', line: 'four' },
    { stream: 'stderr', line: 'é—✓' },
  ];

  it('reads whole frames, several lines per frame and lines spread over frames', () => {
    expect(demux([stream], plain)).toEqual(expected);
  });

  it('gives the same lines wherever the chunks split the stream', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(demux([stream.subarray(0, cut), stream.subarray(cut)], plain), `cut at ${cut}`).toEqual(
        expected,
      );
    }
    const byteByByte = [...stream].map((b) => Buffer.from([b]));
    expect(demux(byteByByte, plain)).toEqual(expected);
  });

  it('joins a long line cut into 16 KiB entries, stripping each continuation timestamp', () => {
    const a = 'a'.repeat(16 * 1024);
    const b = 'b'.repeat(16 * 1024);
    const chunks = [
      frame(1, `${TS1} ${a}`),
      frame(1, `${TS2} ${b}`),
      frame(1, `${TS3} end\n`),
      frame(1, `${TS3} next\n`),
    ];
    expect(demux(chunks, stamped)).toEqual([
      { stream: 'stdout', line: `${a}${b}end`, ts: TS1 },
      { stream: 'stdout', line: 'next', ts: TS3 },
    ]);
    const bytes = Buffer.concat(chunks);
    const pieces = [];
    for (let i = 0; i < bytes.length; i += 1000) pieces.push(bytes.subarray(i, i + 1000));
    expect(demux(pieces, stamped).map((l) => l.line.length)).toEqual([a.length + b.length + 3, 4]);
  });

  it('joins a long line cut into entries without timestamps', () => {
    const a = 'x'.repeat(16 * 1024);
    expect(demux([frame(2, a), frame(2, a), frame(2, 'y\n')], plain)).toEqual([
      { stream: 'stderr', line: `${a}${a}y` },
    ]);
  });

  it('keeps stdout and stderr lines apart when their pieces interleave', () => {
    const chunks = [
      frame(1, `${TS1} out-`),
      frame(2, `${TS2} err-`),
      frame(2, `${TS2} whole\n`),
      frame(1, `${TS3} done\n`),
      frame(2, `${TS3} second\n`),
    ];
    expect(demux(chunks, stamped)).toEqual([
      { stream: 'stderr', line: 'err-whole', ts: TS2 },
      { stream: 'stdout', line: 'out-done', ts: TS1 },
      { stream: 'stderr', line: 'second', ts: TS3 },
    ]);
  });

  it('stamps every line of a frame that holds several', () => {
    expect(demux([frame(1, `${TS1} a\nb\n`)], stamped)).toEqual([
      { stream: 'stdout', line: 'a', ts: TS1 },
      { stream: 'stdout', line: 'b', ts: TS1 },
    ]);
  });

  it('flushes unterminated lines at the end and keeps empty lines', () => {
    expect(demux([frame(1, '\nlast'), frame(2, 'tail')], plain)).toEqual([
      { stream: 'stdout', line: '' },
      { stream: 'stdout', line: 'last' },
      { stream: 'stderr', line: 'tail' },
    ]);
  });

  it("treats the engine's own error frames (type 3) as stderr", () => {
    expect(demux([frame(3, 'Error grabbing logs: boom\n')], plain)).toEqual([
      { stream: 'stderr', line: 'Error grabbing logs: boom' },
    ]);
  });

  it('emits a line without newline in pieces past maxLineBytes', () => {
    const lines = demux([frame(1, 'abcdefghij'), frame(1, 'kl\n')], { ...plain, maxLineBytes: 4 });
    expect(lines.map((l) => l.line)).toEqual(['abcdefghij', 'kl']);
  });
});

describe('LogDemuxer, TTY', () => {
  it('splits raw output on newlines and drops the carriage return', () => {
    const raw = Buffer.from('one\r\ntwo\r\nthr');
    for (let cut = 0; cut <= raw.length; cut++) {
      expect(demux([raw.subarray(0, cut), raw.subarray(cut)], { tty: true, timestamps: false })).toEqual([
        { stream: 'stdout', line: 'one' },
        { stream: 'stdout', line: 'two' },
        { stream: 'stdout', line: 'thr' },
      ]);
    }
  });

  it('reads each line’s timestamp prefix', () => {
    expect(
      demux([Buffer.from(`${TS1} hello world\r\n${TS2} \r\n`)], { tty: true, timestamps: true }),
    ).toEqual([
      { stream: 'stdout', line: 'hello world', ts: TS1 },
      { stream: 'stdout', line: '', ts: TS2 },
    ]);
  });
});

describe('streaming APIs', () => {
  const chunks = [frame(1, 'a\nb'), frame(2, 'c\n'), frame(1, '\n')];
  const expected: LogLine[] = [
    { stream: 'stdout', line: 'a' },
    { stream: 'stderr', line: 'c' },
    { stream: 'stdout', line: 'b' },
  ];

  it('demuxLogStream yields lines from an async iterable', async () => {
    const lines: LogLine[] = [];
    for await (const line of demuxLogStream(Readable.from(chunks), plain)) lines.push(line);
    expect(lines).toEqual(expected);
  });

  it('createLogDemuxTransform gives line objects', async () => {
    const lines = (await Readable.from(chunks).pipe(createLogDemuxTransform(plain)).toArray()) as LogLine[];
    expect(lines).toEqual(expected);
  });
});
