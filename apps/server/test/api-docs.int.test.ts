import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from './support/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

describe('API docs and audit file', () => {
  it('serves an OpenAPI spec with the public paths and their schemas, and the docs UI', async () => {
    const spec = await s.api<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>('GET', '/api/openapi.json', undefined, 'anonymous');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/auth/login',
      '/api/containers',
      '/api/hosts/{host}/containers/{id}/logs',
      '/api/containers/bulk',
      '/api/hosts/{host}/images/pull',
      '/api/audit',
    ]) {
      expect(Object.keys(spec.body.paths)).toContain(path);
    }
    expect(spec.body.paths['/api/hosts/{host}/containers']?.post?.requestBody).toBeDefined();
    const ui = await fetch(`${s.url}/api/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui-bundle.js');
    const bundle = await fetch(`${s.url}/api/docs/static/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${s.url}/api/docs/init.js`)).status).toBe(200);
    expect((await fetch(`${s.url}/api/docs/static/..%2Fpackage.json`)).status).toBe(404);
  });

  it('writes every audited change as a JSON line in the data dir too', async () => {
    await s.api('PUT', '/api/hosts/local/tags', { tags: ['lab'] });
    await s.runtime.deps.audit.flush();
    const file = join(s.runtime.deps.config.dataDir, 'audit.jsonl');
    const entries = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; result: string; detail: unknown });
    expect(entries.find((e) => e.action === 'host.tags')).toMatchObject({
      result: 'ok',
      detail: { tags: ['lab'] },
    });
    expect(entries.some((e) => e.action === 'token.create')).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toMatch(/correct horse|hm_[A-Za-z0-9_-]{20,}/);
  });
});
