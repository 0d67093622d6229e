import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import type { ErrorReply, StackConvertReply } from '@harbourmaster/contracts';
import { DOCKER_RUN_EXAMPLES } from '../src/features/stacks/convert/docker-run-examples.fixture.js';
import { TEST_IMAGE, docker, namePrefix, removeByPrefix } from './support/docker-fixtures.js';
import { startTestServer, testDockerHost, type TestServer } from './support/test-server.js';

// The converter against the real Compose CLI (docker-compose v1 here, the strictest reader) and a
// real container on the private engine. Containers are created, never started: nothing listens.
const run = promisify(execFile);
const prefix = namePrefix('convert');
const scratch = mkdtempSync(join(tmpdir(), 'hm-convert-'));
let server: TestServer;

/** `docker-compose config -q` on the text, in a folder of its own with the files it refers to. */
async function composeConfig(compose: string, files: Record<string, string> = {}): Promise<string> {
  const dir = mkdtempSync(join(scratch, 'project-'));
  writeFileSync(join(dir, 'compose.yaml'), compose);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  try {
    await run('docker-compose', ['-f', 'compose.yaml', 'config', '-q'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, DOCKER_HOST: testDockerHost() },
    });
    return 'ok';
  } catch (err) {
    const failed = err as { stderr?: string; message: string };
    return `${failed.stderr ?? failed.message}\n--- compose.yaml ---\n${compose}`;
  }
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
  await removeByPrefix(prefix);
  rmSync(scratch, { recursive: true, force: true });
});

describe('POST /api/stacks/convert', () => {
  for (const example of DOCKER_RUN_EXAMPLES) {
    it(`converts, and Compose accepts: ${example.title}`, async () => {
      const res = await server.api<StackConvertReply>(
        'POST',
        '/api/stacks/convert',
        { command: example.command },
        'viewer',
      );
      expect(res.status).toBe(200);
      expect(parse(res.body.compose)).toEqual(example.compose);
      expect(await composeConfig(res.body.compose, example.files)).toBe('ok');
    });
  }

  it('takes the service name from the body', async () => {
    const res = await server.api<StackConvertReply>(
      'POST',
      '/api/stacks/convert',
      { command: 'docker run -d --name web nginx', name: 'frontend' },
      'viewer',
    );
    expect(res.status).toBe(200);
    expect(res.body.service).toBe('frontend');
    expect(parse(res.body.compose)).toEqual({
      services: { frontend: { image: 'nginx', container_name: 'web' } },
    });
  });

  it('answers 400 naming what is wrong and where, for a command it cannot read', async () => {
    const cases: Array<[unknown, RegExp, string]> = [
      [
        { command: "docker run -e 'A=b nginx" },
        /single quote .* never closed \(at line 1, column 15\)/,
        'command',
      ],
      [
        { command: 'docker run nginx | tee log' },
        /`\|` is shell syntax.*paste one docker run command/,
        'command',
      ],
      [{ command: 'docker run -d \\\n  --name' }, /--name needs a value.*\(at line 2, column 3\)/, 'command'],
      [{ command: 'docker run --cpus lots nginx' }, /^--cpus lots: expected a number of CPUs/, 'command'],
      [{ command: 'docker ps' }, /found docker ps/, 'command'],
      [{ command: '' }, /paste a docker run command/, 'body.command'],
      [{ command: 'x'.repeat(17 * 1024) }, /longer than 16 KiB/, 'body.command'],
      [{ command: 'docker run nginx', name: 'my service' }, /a service name is letters/, 'body.name'],
    ];
    for (const [body, message, field] of cases) {
      const res = await server.api<ErrorReply>('POST', '/api/stacks/convert', body, 'viewer');
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.message).toMatch(message);
      expect(res.body.field).toBe(field);
    }
  });
});

describe('GET /api/hosts/:host/containers/:id/compose', () => {
  const name = `${prefix}web`;
  const volume = `${prefix}vol`;
  const port = 20_000 + (process.pid % 10_000);
  const bindDir = join(scratch, 'bind');

  beforeAll(async () => {
    mkdirSync(bindDir, { recursive: true });
    await docker(
      'create',
      '--name',
      name,
      '-p',
      `127.0.0.1:${port}:80`,
      '-e',
      'GREETING=hello $USER',
      '-l',
      'com.example.tier=web',
      '-v',
      `${bindDir}:/data`,
      '-v',
      `${volume}:/vol`,
      '--restart',
      'unless-stopped',
      '-m',
      '64m',
      '--network',
      'bridge',
      TEST_IMAGE,
      'sleep',
      '600',
    );
  });

  it("writes the container's configuration as one service that Compose accepts", async () => {
    const res = await server.api<StackConvertReply>(
      'GET',
      `/api/hosts/local/containers/${name}/compose`,
      undefined,
      'operator',
    );
    expect(res.status).toBe(200);
    expect(res.body.service).toBe(name);
    expect(parse(res.body.compose)).toEqual({
      services: {
        [name]: {
          image: TEST_IMAGE,
          container_name: name,
          command: ['sleep', '600'],
          // The image's own env (PATH, if it has one) is left out; the literal $ is kept literal.
          environment: { GREETING: 'hello $$USER' },
          labels: { 'com.example.tier': 'web' },
          ports: [`127.0.0.1:${port}:80`],
          volumes: [`${bindDir}:/data`, `${volume}:/vol`],
          restart: 'unless-stopped',
          mem_limit: '64m',
        },
      },
      volumes: { [volume]: { name: volume } },
    });
    expect(res.body.warnings).toEqual([
      expect.stringMatching(new RegExp(`^container_name ${name} is the running container's name`)),
      expect.stringMatching(/default bridge network/),
    ]);
    expect(await composeConfig(res.body.compose)).toBe('ok');
  });

  it('is for operators: the file carries the environment', async () => {
    const res = await server.api('GET', `/api/hosts/local/containers/${name}/compose`, undefined, 'viewer');
    expect(res.status).toBe(403);
  });

  it('answers 404 for a container that does not exist', async () => {
    const res = await server.api<ErrorReply>(
      'GET',
      `/api/hosts/local/containers/${prefix}nothing-here/compose`,
      undefined,
      'operator',
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });
});
