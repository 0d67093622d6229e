import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogOptions } from '../src/docker-engine.js';
import { demuxLogStream, type LogLine } from '../src/log-demuxer.js';
import { namePrefix, removeContainers, testEngine, testEnv } from './int-env.js';

const engine = testEngine();
const prefix = namePrefix('logs');

// `seq -s , 1 9000` prints one line of 43,892 bytes: the json-file driver stores it as three
// entries (16 KiB, 16 KiB, the rest), which the demuxer must join back together.
const numbers = (sep: string) => Array.from({ length: 9000 }, (_, i) => i + 1).join(sep);
// The engine logs stdout and stderr from two readers, so only a pause orders entries across streams.
const script =
  'echo first; seq -s , 1 9000; echo oops >&2; seq -s . 1 9000 >&2; echo last; sleep 0.3; printf tail >&2';

let muxed: string;
let tty: string;

async function runToEnd(name: string, cmd: string[], withTty: boolean): Promise<string> {
  const { Id } = await engine.createContainer(`${prefix}${name}`, {
    Image: testEnv.image,
    Cmd: cmd,
    Tty: withTty,
    HostConfig: { NetworkMode: 'host' },
  });
  await engine.startContainer(Id);
  // Following ends when the container exits, so the whole output is in the log afterwards.
  for await (const _ of await engine.containerLogs(Id, { follow: true })) {
    // drained only to wait for the exit
  }
  return Id;
}

async function lines(id: string, opts: LogOptions, withTty: boolean): Promise<LogLine[]> {
  const out: LogLine[] = [];
  const raw = await engine.containerLogs(id, opts);
  for await (const line of demuxLogStream(raw, { tty: withTty, timestamps: opts.timestamps ?? false }))
    out.push(line);
  return out;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

beforeAll(async () => {
  muxed = await runToEnd('muxed', ['sh', '-c', script], false);
  tty = await runToEnd('tty', ['sh', '-c', 'echo one; echo two'], true);
});

afterAll(async () => {
  await removeContainers(engine, prefix);
  await engine.close();
});

describe('container logs through the demuxer', () => {
  const stdout = ['first', numbers(','), 'last'];
  const stderr = ['oops', numbers('.'), 'tail'];

  it('joins 40 KiB lines and keeps stdout and stderr apart', async () => {
    const got = await lines(muxed, {}, false);
    expect(got.filter((l) => l.stream === 'stdout').map((l) => l.line)).toEqual(stdout);
    expect(got.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual(stderr);
    expect(got.every((l) => l.ts === undefined)).toBe(true);
  });

  it('strips the timestamp of every 16 KiB piece and keeps the first', async () => {
    const got = await lines(muxed, { timestamps: true }, false);
    expect(got.filter((l) => l.stream === 'stdout').map((l) => l.line)).toEqual(stdout);
    expect(got.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual(stderr);
    for (const line of got) expect(line.ts).toMatch(TIMESTAMP);
  });

  it('reads only one stream, or the tail, when asked', async () => {
    expect((await lines(muxed, { stdout: false }, false)).map((l) => l.line)).toEqual(stderr);
    expect(await lines(muxed, { tail: 1 }, false)).toEqual([{ stream: 'stderr', line: 'tail' }]);
  });

  it('reads a TTY container’s raw stream', async () => {
    expect(await lines(tty, {}, true)).toEqual([
      { stream: 'stdout', line: 'one' },
      { stream: 'stdout', line: 'two' },
    ]);
    const stamped = await lines(tty, { timestamps: true }, true);
    expect(stamped.map((l) => l.line)).toEqual(['one', 'two']);
    for (const line of stamped) expect(line.ts).toMatch(TIMESTAMP);
  });
});
