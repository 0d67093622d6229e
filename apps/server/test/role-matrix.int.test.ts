import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

/** Fills path parameters with values of the right shape; the role check must answer before any lookup. */
function concrete(url: string): string {
  return url
    .replace(':host', 'local')
    .replace(':action', 'stop')
    .replace(':id', '00000000-0000-4000-8000-000000000000');
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('role matrix over every route', () => {
  it('has routes of every kind registered', () => {
    const table = s.runtime.app.routeAccess;
    expect(table.filter((r) => MUTATING.has(r.method)).length).toBeGreaterThan(15);
  });

  it('refuses every mutating route to a viewer', async () => {
    const mutating = s.runtime.app.routeAccess.filter(
      (r) => MUTATING.has(r.method) && r.access !== 'public' && r.access !== 'viewer',
    );
    const answers = await Promise.all(
      mutating.map(
        async (r) =>
          [`${r.method} ${r.url}`, (await s.api(r.method, concrete(r.url), {}, 'viewer')).status] as const,
      ),
    );
    expect(answers.filter(([, status]) => status !== 403)).toEqual([]);
  });

  it('refuses every admin route to an operator', async () => {
    const admin = s.runtime.app.routeAccess.filter((r) => r.access === 'admin' && !r.websocket);
    expect(admin.length).toBeGreaterThan(5);
    const answers = await Promise.all(
      admin.map(
        async (r) =>
          [
            `${r.method} ${r.url}`,
            (await s.api(r.method, concrete(r.url), MUTATING.has(r.method) ? {} : undefined, 'operator'))
              .status,
          ] as const,
      ),
    );
    expect(answers.filter(([, status]) => status !== 403)).toEqual([]);
  });

  it('answers 401 on every non-public route without credentials', async () => {
    const guarded = s.runtime.app.routeAccess.filter((r) => r.access !== 'public' && !r.websocket);
    const answers = await Promise.all(
      guarded.map(
        async (r) =>
          [
            `${r.method} ${r.url}`,
            (await s.api(r.method, concrete(r.url), MUTATING.has(r.method) ? {} : undefined, 'anonymous'))
              .status,
          ] as const,
      ),
    );
    expect(answers.filter(([, status]) => status !== 401)).toEqual([]);
  });

  it('refuses WebSocket upgrades without credentials or with a foreign Origin', async () => {
    await expect(s.ws('/api/ws', 'anonymous')).rejects.toThrow(/401/);
    await expect(s.ws('/api/hosts/local/containers/x/exec', 'viewer')).rejects.toThrow(/403/);
  });

  it('lets a viewer read', async () => {
    expect((await s.api('GET', '/api/containers', undefined, 'viewer')).status).toBe(200);
    expect((await s.api('GET', '/api/hosts', undefined, 'viewer')).status).toBe(200);
  });
});
