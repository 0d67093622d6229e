import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import { TEST_IMAGE, docker, namePrefix, removeByPrefix } from './support/docker-fixtures.js';

const P = namePrefix('icon');
const NAME = `${P}app`;
let s: TestServer;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
  'hex',
);
const dataUrl = (type: string, bytes: Buffer | string) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

type Reply = { icon: string | null; error?: string; message?: string; field?: string };
const put = (icon: string | null) =>
  s.api<Reply>('PUT', `/api/hosts/local/containers/${NAME}/icon`, { icon });

async function served(path: string) {
  const res = await fetch(s.url + path, { headers: { authorization: `Bearer ${s.tokens.viewer}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

beforeAll(async () => {
  s = await startTestServer();
  await docker('create', '--name', NAME, '--network', 'none', TEST_IMAGE, 'true');
});
afterAll(async () => {
  await removeByPrefix(P);
  await s?.close();
});

describe('uploaded icons are checked by what they are', () => {
  it('refuses an SVG with script and an HTML page named as a PNG, and keeps the old icon', async () => {
    const ok = await put(dataUrl('image/png', PNG));
    expect(ok.status).toBe(200);

    const script = await put(
      dataUrl('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    );
    expect(script.status).toBe(400);
    expect(script.body.field).toBe('body.icon');
    expect(script.body.message).toMatch(/SVG was refused: <script> is not allowed/);

    const handler = await put(dataUrl('image/svg+xml', '<svg onload="alert(1)"/>'));
    expect(handler.status).toBe(400);
    expect(handler.body.message).toMatch(/onload/);

    const html = await put(dataUrl('image/png', '<html><body><img src=x onerror=alert(1)></body></html>'));
    expect(html.status).toBe(400);
    expect(html.body.message).toMatch(/root element is <html>/);

    const kept = await served(ok.body.icon!);
    expect(kept.type).toBe('image/png');
    expect(kept.body.equals(PNG)).toBe(true);
  });

  it('stores and serves the detected type, and an SVG as its sanitised copy', async () => {
    const asGif = await put(dataUrl('image/gif', PNG));
    expect(asGif.status).toBe(200);
    expect((await served(asGif.body.icon!)).type).toBe('image/png');

    const svg = `<svg viewBox="0 0 2 2"><metadata>editor</metadata><circle r="1" fill="url(#g)"/></svg>`;
    const asPng = await put(dataUrl('image/png', svg));
    expect(asPng.status).toBe(200);
    const got = await served(asPng.body.icon!);
    expect(got.type).toBe('image/svg+xml');
    expect(got.body.toString()).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><circle r="1" fill="url(#g)"/></svg>',
    );
  });

  it('refuses an icon over 256 KiB with 413 naming the limit', async () => {
    const big = await put(dataUrl('image/png', Buffer.concat([PNG, Buffer.alloc(270 * 1024)])));
    expect(big.status).toBe(413);
    expect(big.body.field).toBe('body.icon');
    expect(big.body.message).toMatch(/at most 256 KiB/);
  });

  it('never serves an icon stored before uploads were checked', async () => {
    const html = dataUrl('image/png', '<html><script>alert(1)</script></html>');
    const path = await s.runtime.deps.icons.set('local', NAME, html);
    const res = await served(path!);
    expect(res.status).toBe(404);
    expect(res.type).toMatch(/application\/json/);
    expect(res.body.toString()).toMatch(/not a safe image/);
  });
});
