import { describe, expect, it, vi } from 'vitest';
import { createClient } from './http-client.js';
import { ApiError } from './api-error.js';

type Reply = { status: number; body?: unknown; raw?: string; headers?: Record<string, string> };

function fakeFetch(replies: Reply[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: url instanceof Request ? url.url : url.toString(), init: init ?? {} });
    const r = replies.shift() ?? { status: 200, body: {} };
    const text = r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body));
    const type = r.raw !== undefined ? 'text/html' : 'application/json; charset=utf-8';
    return Promise.resolve(
      new Response(text, { status: r.status, headers: { 'content-type': type, ...r.headers } }),
    );
  };
  const header = (i: number, name: string) => (calls[i]?.init.headers as Record<string, string>)[name];
  return { fn, calls, header };
}

describe('createClient', () => {
  it('sends the CSRF token from sign-in on mutating requests only, with the cookie', async () => {
    const f = fakeFetch([
      { status: 200, body: { csrfToken: 'c1', user: {} } },
      { status: 200, body: { ok: true } },
      { status: 200, body: { containers: [], hostErrors: [] } },
    ]);
    const api = createClient({ fetch: f.fn });
    await api.login({ username: 'a', password: 'b' });
    await api.act('local', 'web', 'stop');
    await api.containers({ state: 'running', all: true, q: undefined });
    expect(f.calls[1]?.url).toBe('/api/hosts/local/containers/web/stop');
    expect(f.header(1, 'x-csrf-token')).toBe('c1');
    expect(f.calls[1]?.init.credentials).toBe('same-origin');
    expect(f.calls[2]?.url).toBe('/api/containers?state=running&all=true');
    expect(f.header(2, 'x-csrf-token')).toBeUndefined();
  });

  it('recovers the CSRF token from me() after a reload and forgets it on sign-out', async () => {
    const f = fakeFetch([
      { status: 200, body: { via: 'session', role: 'admin', user: {}, csrfToken: 'c2' } },
      { status: 200, body: { results: [] } },
      { status: 200, body: { ok: true } },
    ]);
    const api = createClient({ fetch: f.fn });
    await api.me();
    await api.bulk({ action: 'restart', targets: [{ host: 'local', id: 'web' }] });
    expect(f.header(1, 'x-csrf-token')).toBe('c2');
    expect(JSON.parse(f.calls[1]?.init.body as string)).toEqual({
      action: 'restart',
      targets: [{ host: 'local', id: 'web' }],
    });
    await api.logout();
    expect(api.csrfToken).toBeNull();
  });

  it('turns error replies into ApiError with the field, and reports lost sessions', async () => {
    const onUnauthorized = vi.fn();
    const f = fakeFetch([
      { status: 400, body: { error: 'validation', message: 'image: required', field: 'image' } },
      { status: 401, body: { error: 'unauthorized', message: 'sign in first' } },
    ]);
    const api = createClient({ fetch: f.fn, onUnauthorized });
    const err = await api.create('local', { image: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      error: 'validation',
      field: 'image',
      message: 'image: required',
    });
    await expect(api.hosts()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('treats a wrong password as an answer, not a lost session, and passes on the lockout time', async () => {
    const onUnauthorized = vi.fn();
    const f = fakeFetch([
      { status: 401, body: { error: 'unauthorized', message: 'invalid username or password' } },
      {
        status: 429,
        body: { error: 'too_many_requests', message: 'too many failed sign-ins; try again in 15 minutes' },
        headers: { 'retry-after': '900' },
      },
    ]);
    const api = createClient({ fetch: f.fn, onUnauthorized });
    await expect(api.login({ username: 'a', password: 'x' })).rejects.toMatchObject({ status: 401 });
    await expect(api.login({ username: 'a', password: 'x' })).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 900,
    });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('explains replies that are not the API (a proxy page, an unreachable daemon)', async () => {
    const f = fakeFetch([{ status: 502, raw: '<html>Bad Gateway</html>' }]);
    const down = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    await expect(createClient({ fetch: f.fn }).hosts()).rejects.toMatchObject({
      status: 502,
      error: 'http_error',
    });
    await expect(createClient({ fetch: down }).hosts()).rejects.toMatchObject({
      status: 0,
      error: 'network',
      message: expect.stringContaining('check that the daemon is running') as string,
    });
  });

  it('builds URLs with escaped parts, query flags and the base URL; tokens go in a header', async () => {
    const f = fakeFetch([
      { status: 200, body: { ok: true } },
      { status: 200, body: { entries: [] } },
    ]);
    const api = createClient({ baseUrl: 'http://hm.local:9090/', fetch: f.fn, token: 'hm_abc' });
    await api.remove('local', 'my.app', true);
    await api.audit({ action: 'container.', limit: 10 });
    expect(f.calls[0]?.url).toBe(
      'http://hm.local:9090/api/hosts/local/containers/my.app?force=true&volumes=false',
    );
    expect(f.calls[0]?.init.method).toBe('DELETE');
    expect(f.header(0, 'authorization')).toBe('Bearer hm_abc');
    expect(f.calls[1]?.url).toBe('http://hm.local:9090/api/audit?action=container.&limit=10');
    expect(api.logStreamUrl('local', 'web', { tail: 100, timestamps: true })).toBe(
      'http://hm.local:9090/api/hosts/local/containers/web/logs?tail=100&timestamps=true&follow=true',
    );
    expect(api.execUrl('local', 'web', { cmd: ['/bin/sh'], cols: 80, rows: 24 })).toBe(
      'http://hm.local:9090/api/hosts/local/containers/web/exec?cmd=%5B%22%2Fbin%2Fsh%22%5D&cols=80&rows=24',
    );
  });

  it('asks for metrics by range on the container, host, latest and settings routes', async () => {
    const f = fakeFetch([]);
    const api = createClient({ fetch: f.fn });
    await api.containerMetrics('local', 'a1b2', '5m');
    await api.hostMetrics('edge-1', '90d');
    await api.hostMetrics('local');
    await api.latestMetrics('local');
    await api.updateMetricsSettings({ intervalSeconds: 5 });
    expect(f.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/hosts/local/containers/a1b2/metrics?range=5m',
      'GET /api/hosts/edge-1/metrics?range=90d',
      'GET /api/hosts/local/metrics?range=1h',
      'GET /api/hosts/local/metrics/latest',
      'PUT /api/metrics/settings',
    ]);
    expect(f.calls[4]?.init.body).toBe('{"intervalSeconds":5}');
  });
});
