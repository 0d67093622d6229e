import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '@harbourmaster/contracts';
import { startTestServer, type TestServer } from './support/test-server.js';
import { TEST_IMAGE, docker, eventually, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

const P = namePrefix('logs');
let s: TestServer;
const LONG = 40 * 1024;

beforeAll(async () => {
  s = await startTestServer();
  // A line of 40 KiB (the json-file driver splits it into 16 KiB entries), and lines on both streams.
  const script = `echo first; printf '%0${LONG}d\\n' 7; echo oops >&2; echo last; sleep 3600`;
  await docker('run', '-d', '--name', `${P}talker`, '--network', 'none', TEST_IMAGE, 'sh', '-c', script);
  await eventually(async () => (await docker('logs', `${P}talker`)).includes('last'));
});
afterAll(async () => {
  await removeByPrefix(P);
  await s?.close();
});

describe('logs', () => {
  it('returns stdout and stderr lines, a 40 KiB line whole', async () => {
    const res = await s.api<{ lines: LogLine[] }>(
      'GET',
      `/api/hosts/local/containers/${P}talker/logs?tail=all`,
    );
    expect(res.status).toBe(200);
    const lines = res.body.lines;
    // The engine reads stdout and stderr through separate pipes: order holds within a stream only.
    const stdout = lines.filter((l) => l.stream === 'stdout').map((l) => l.line);
    expect(stdout.map((l) => l.length)).toEqual([5, LONG, 4]);
    expect(stdout[1]).toBe('0'.repeat(LONG - 1) + '7');
    expect(stdout[2]).toBe('last');
    expect(lines.filter((l) => l.stream === 'stderr')).toEqual([{ stream: 'stderr', line: 'oops' }]);
  });

  it('keeps the long line whole with timestamps, and filters by stream and tail', async () => {
    const ts = await s.api<{ lines: LogLine[] }>(
      'GET',
      `/api/hosts/local/containers/${P}talker/logs?tail=all&timestamps=true`,
    );
    expect(ts.body.lines.filter((l) => l.stream === 'stdout')[1]?.line).toBe('0'.repeat(LONG - 1) + '7');
    expect(ts.body.lines.every((l) => /^\d{4}-\d{2}-\d{2}T/.test(l.ts ?? ''))).toBe(true);
    const errOnly = await s.api<{ lines: LogLine[] }>(
      'GET',
      `/api/hosts/local/containers/${P}talker/logs?stdout=false`,
    );
    expect(errOnly.body.lines).toEqual([{ stream: 'stderr', line: 'oops' }]);
    const all = await s.api<{ lines: LogLine[] }>(
      'GET',
      `/api/hosts/local/containers/${P}talker/logs?tail=all`,
    );
    const tail = await s.api<{ lines: LogLine[] }>(
      'GET',
      `/api/hosts/local/containers/${P}talker/logs?tail=1`,
    );
    expect(tail.body.lines).toEqual([all.body.lines.at(-1)]);
    const bad = await s.api<{ field: string }>(
      'GET',
      `/api/hosts/local/containers/${P}talker/logs?since=yesterday`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('querystring.since');
  });

  it('follows new lines as server-sent events', async () => {
    const name = `${P}ticker`;
    await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'none',
      TEST_IMAGE,
      'sh',
      '-c',
      'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done',
    );
    const abort = new AbortController();
    const res = await fetch(`${s.url}/api/hosts/local/containers/${name}/logs?follow=true&tail=0`, {
      headers: { authorization: `Bearer ${s.tokens.viewer}` },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/event: log/g) ?? []).length < 3) {
      const { value, done } = (await reader.read()) as { value?: Uint8Array; done: boolean };
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    const data = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as LogLine);
    expect(data.length).toBeGreaterThanOrEqual(3);
    expect(data[0]?.line).toMatch(/^tick \d+$/);
  });
});

describe('terminal', () => {
  it('runs echo through the exec WebSocket and reports the exit code', async () => {
    const ws = await s.ws(
      `/api/hosts/local/containers/${P}talker/exec?cmd=${encodeURIComponent('["echo","hello from exec"]')}`,
      'operator',
    );
    let output = '';
    const closed = new Promise<{ code: number; exit: unknown }>((resolve) => {
      let exit: unknown = null;
      ws.on('message', (data, isBinary) => {
        if (isBinary) output += (data as Buffer).toString();
        else exit = JSON.parse((data as Buffer).toString());
      });
      ws.on('close', (code) => resolve({ code, exit }));
    });
    const { code, exit } = await closed;
    expect(output).toContain('hello from exec');
    expect(exit).toEqual({ type: 'exit', code: 0 });
    expect(code).toBe(1000);
  });

  it('takes input and resizes in an interactive shell, and ends when the client closes', async () => {
    const ws = await s.ws(`/api/hosts/local/containers/${P}talker/exec`, 'operator');
    let output = '';
    ws.on('message', (data, isBinary) => {
      if (isBinary) output += (data as Buffer).toString();
    });
    ws.send(JSON.stringify({ type: 'resize', cols: 120, rows: 40 }));
    await eventually(async () => (await docker('top', `${P}talker`)).includes('/bin/sh'), 5_000);
    ws.send(JSON.stringify({ type: 'input', data: 'echo $((6*7)); stty size\n' }));
    await eventually(() => Promise.resolve(output.includes('42') && output.includes('40 120')), 5_000).catch(
      (e: unknown) => {
        throw new Error(`${String(e)}; output: ${JSON.stringify(output)}`);
      },
    );
    ws.close();
    // The shell must be gone once the client leaves: no exec left running in the container.
    const shells = async () =>
      (await docker('top', `${P}talker`)).split('\n').filter((l) => l.trim().endsWith('/bin/sh')).length;
    await eventually(async () => (await shells()) === 0, 5_000);
    const bad = await s.ws(`/api/hosts/local/containers/${P}nope/exec`, 'operator');
    const msg = await new Promise<string>((resolve) =>
      bad.once('message', (d) => resolve((d as Buffer).toString())),
    );
    expect(JSON.parse(msg)).toMatchObject({ type: 'error' });
  });
});
