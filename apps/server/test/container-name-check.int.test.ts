import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import { TEST_IMAGE, docker, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

const P = namePrefix('name');
let s: TestServer;

type Checked = { problems: Array<{ field: string; code: string; message: string }> };

async function check(name: string) {
  return s.api<Checked>('POST', '/api/hosts/local/containers/check', {
    name,
    image: TEST_IMAGE,
    network: 'none',
  });
}

const nameProblems = (c: Checked) => c.problems.filter((p) => p.field === 'name');

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await removeByPrefix(P);
  await s?.close();
});

describe('the create check matches container names exactly', () => {
  it('reports a taken name, but not a prefix of an id, "0" or a name that only matches as a pattern', async () => {
    const name = `${P}a.b`;
    const id = await docker('create', '--name', name, '--network', 'none', TEST_IMAGE, 'sleep', '60');
    // Two more containers, so that single-character id prefixes are likely to be ambiguous too.
    await docker('create', '--name', `${P}two`, '--network', 'none', TEST_IMAGE, 'true');
    await docker('create', '--name', `${P}three`, '--network', 'none', TEST_IMAGE, 'true');

    const taken = await check(name);
    expect(taken.status).toBe(200);
    const [conflict, ...more] = nameProblems(taken.body);
    expect(more).toEqual([]);
    expect(conflict?.code).toBe('conflict');
    expect(conflict?.message).toContain(name);

    for (const free of [id.slice(0, 5), id.slice(0, 1), '0', `${P}aXb`, `${P}a`]) {
      const res = await check(free);
      expect(res.status, `check of ${free}`).toBe(200);
      expect(nameProblems(res.body), `check of ${free}`).toEqual([]);
    }

    // The create itself uses the same check: a name that is an id prefix is created, not refused.
    const idPrefixName = id.slice(0, 7);
    try {
      const created = await s.api<{ name: string }>('POST', '/api/hosts/local/containers', {
        name: idPrefixName,
        image: TEST_IMAGE,
        network: 'none',
        start: false,
      });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe(idPrefixName);
    } finally {
      await docker('rm', '-f', idPrefixName).catch(() => '');
    }
  });
});
