import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply } from '@harbourmaster/contracts';
import { startTestServer, type TestServer } from './support/test-server.js';
import { TEST_IMAGE, docker, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

// When the engine refuses a request because of the object's state, that is the client's mistake and
// answers 4xx with the engine's own message; 502 is kept for an engine that failed.
const P = namePrefix('refuse');
let s: TestServer;
let running: string;
let stopped: string;

beforeAll(async () => {
  s = await startTestServer();
  running = `${P}running`;
  stopped = `${P}stopped`;
  await docker('run', '-d', '--name', running, '--network', 'none', TEST_IMAGE, 'sleep', '3600');
  await docker('create', '--name', stopped, '--network', 'none', TEST_IMAGE, 'sleep', '3600');
});
afterAll(async () => {
  await removeByPrefix(P);
  await s?.close();
});

const act = (name: string, action: string) =>
  s.api<ErrorReply>('POST', `/api/hosts/local/containers/${name}/${action}`);

describe('engine refusals', () => {
  it('unpausing a running container is 409 with the engine message', async () => {
    const res = await act(running, 'unpause');
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('conflict');
    expect(res.body.message).toMatch(/is not paused/);
  });

  it('pausing a paused container, and pausing or killing a stopped one, are 409', async () => {
    expect((await act(running, 'pause')).status).toBe(200);
    const again = await act(running, 'pause');
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/is already paused/);
    expect((await act(running, 'unpause')).status).toBe(200);

    for (const action of ['pause', 'unpause', 'kill']) {
      const res = await act(stopped, action);
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(409);
      expect(res.body.message).toMatch(/is not (running|paused)/);
    }
  });

  it('acting on a container that does not exist is 404', async () => {
    const res = await act(`${P}absent`, 'unpause');
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/No such container/);
  });

  it('removing a volume in use is 409, naming the container', async () => {
    const volume = `${P}vol`;
    await docker('volume', 'create', volume);
    await docker('create', '--name', `${P}user`, '-v', `${volume}:/data`, '--network', 'none', TEST_IMAGE);
    const res = await s.api<ErrorReply>('DELETE', `/api/hosts/local/volumes/${volume}`);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/in use/);
  });
});
