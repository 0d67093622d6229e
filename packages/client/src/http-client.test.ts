import { describe, expect, it, vi } from 'vitest';
import { createClient } from './http-client.js';
import { ApiError } from './api-error.js';

function fakeFetch(replies: Array<{ status: number; body: unknown }>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = (url: string, init?: RequestInit) => {
    calls.push({ url, init: init ?? {} });
    const r = replies.shift() ?? { status: 200, body: {} };
    return Promise.resolve(new Response(JSON.stringify(r.body), { status: r.status }));
  };
  return { fn: fn as unknown as typeof fetch, calls };
}

describe('createClient', () => {
  it('sends the CSRF token from login on mutating requests only', async () => {
    const f = fakeFetch([
      { status: 200, body: { csrfToken: 'c1', user: {} } },
      { status: 200, body: { ok: true } },
      { status: 200, body: { containers: [], hostErrors: [] } },
    ]);
    const api = createClient({ fetch: f.fn });
    await api.login({ username: 'a', password: 'b' });
    await api.act('local', 'web', 'stop');
    await api.containers({ state: 'running' });
    expect(f.calls[1]?.url).toBe('/api/hosts/local/containers/web/stop');
    expect((f.calls[1]?.init.headers as Record<string, string>)['x-csrf-token']).toBe('c1');
    expect(f.calls[2]?.url).toBe('/api/containers?state=running');
    expect((f.calls[2]?.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it('turns error replies into ApiError with the field, and reports 401s', async () => {
    const onUnauthorized = vi.fn();
    const f = fakeFetch([
      { status: 400, body: { error: 'validation', message: 'image: required', field: 'image' } },
      { status: 401, body: { error: 'unauthorized', message: 'sign in first' } },
    ]);
    const api = createClient({ fetch: f.fn, onUnauthorized });
    const err = await api.create('local', { image: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, field: 'image', message: 'image: required' });
    await expect(api.hosts()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
