import { describe, expect, it } from 'vitest';
import { contextAt, pathAt } from './yaml-path.js';

/** The context at the `‸` in a document (the `‸` is removed). */
function at(marked: string) {
  const pos = marked.indexOf('‸');
  return contextAt(marked.slice(0, pos) + marked.slice(pos + 1), pos);
}

const COMPLETE = `name: shop
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
      - target: 443
        published: 8443
    healthcheck:
      test: ["CMD", "true"]
      interval: 10s
  db:
    image: postgres:17
volumes:
  data:
`;

describe('contextAt, in a complete document', () => {
  it('finds the mapping of a key being typed over', () => {
    const pos = COMPLETE.indexOf('image: nginx') + 3;
    expect(contextAt(COMPLETE, pos)).toMatchObject({ kind: 'key', path: ['services', 'web'], prefix: 'ima' });
  });

  it('finds the key a value belongs to', () => {
    const pos = COMPLETE.indexOf('10s') + 2;
    expect(contextAt(COMPLETE, pos)).toMatchObject({
      kind: 'value',
      path: ['services', 'web', 'healthcheck', 'interval'],
      prefix: '10',
    });
  });

  it('counts list items, whatever their shape', () => {
    const pos = COMPLETE.indexOf('published') + 4;
    expect(pathAt(COMPLETE, pos)).toEqual(['services', 'web', 'ports', 1]);
  });

  it('knows a second service and a top-level section', () => {
    expect(pathAt(COMPLETE, COMPLETE.indexOf('postgres'))).toEqual(['services', 'db', 'image']);
    expect(pathAt(COMPLETE, COMPLETE.indexOf('data:') + 2)).toEqual(['volumes']);
    expect(pathAt(COMPLETE, COMPLETE.indexOf('services') + 3)).toEqual([]);
  });
});

describe('contextAt, while typing', () => {
  it('completes a key on a fresh line at a service indent', () => {
    expect(at('services:\n  web:\n    image: nginx\n    ‸')).toMatchObject({
      kind: 'key',
      path: ['services', 'web'],
      prefix: '',
    });
  });

  it('follows a half-typed line that is not yet YAML', () => {
    expect(at('services:\n  web:\n    image: nginx\n    healthc‸')).toMatchObject({
      path: ['services', 'web'],
      prefix: 'healthc',
    });
    expect(at('services:\n  web:\n    healthcheck:\n      inter‸')).toMatchObject({
      path: ['services', 'web', 'healthcheck'],
      prefix: 'inter',
    });
  });

  it('steps out to the right level when the line is less indented', () => {
    expect(at('services:\n  web:\n    healthcheck:\n      interval: 5s\n    rest‸')).toMatchObject({
      path: ['services', 'web'],
    });
    expect(at('services:\n  web:\n    image: a\n  db:\n    image: b\nvol‸')).toMatchObject({ path: [] });
  });

  it('offers values after `key: `, and nothing right after the colon', () => {
    expect(at('services:\n  web:\n    restart: unl‸')).toMatchObject({
      kind: 'value',
      path: ['services', 'web', 'restart'],
      prefix: 'unl',
    });
    expect(at('services:\n  web:\n    restart:‸')).toBeNull();
  });

  it('handles list items: `- key` in a new item and keys under it', () => {
    expect(at('services:\n  web:\n    ports:\n      - tar‸')).toMatchObject({
      path: ['services', 'web', 'ports', 0],
      prefix: 'tar',
    });
    expect(
      at('services:\n  web:\n    ports:\n      - "80:80"\n      - target: 80\n        pro‸'),
    ).toMatchObject({
      path: ['services', 'web', 'ports', 1],
      prefix: 'pro',
    });
    expect(at('services:\n  web:\n    ports:\n      - target: 80\n        protocol: u‸')).toMatchObject({
      kind: 'value',
      path: ['services', 'web', 'ports', 0, 'protocol'],
    });
  });

  it('handles a list at the same indent as its key', () => {
    expect(at('services:\n  web:\n    volumes:\n    - type: bind\n      sou‸')).toMatchObject({
      path: ['services', 'web', 'volumes', 0],
    });
    expect(at('services:\n  web:\n    volumes:\n    - ./a:/a\n    - ./b:/b\n    ima‸')).toMatchObject({
      path: ['services', 'web'],
    });
  });

  it('skips comments and blank lines, and has no path inside a comment', () => {
    expect(at('services:\n  # the shop\n\n  web:\n\n    # image below\n    ima‸')).toMatchObject({
      path: ['services', 'web'],
    });
    expect(at('services:\n  web:\n    # ima‸')).toBeNull();
    expect(at('services:\n  web:\n    image: nginx # pinned ver‸')).toBeNull();
  });

  it('follows quoted keys, anchors and tags on a container', () => {
    expect(
      at('x-base: &base\n  restart: always\nservices:\n  "web":\n    <<: *base\n    ima‸'),
    ).toMatchObject({
      path: ['services', 'web'],
    });
    expect(at('services: !override\n  web:\n    ima‸')).toMatchObject({ path: ['services', 'web'] });
  });

  it('has no path inside block and multi-line scalars or flow collections', () => {
    expect(at('services:\n  web:\n    command: |\n      echo hi\n      ima‸')).toBeNull();
    expect(at('services:\n  web:\n    command: >\n      run\n        --flag\n      ima‸')).toBeNull();
    expect(at('services:\n  web:\n    ports: [80, 4‸')).toBeNull();
    expect(at('services:\n  web:\n    image: "ngi‸')).toBeNull();
  });

  it('carries on after a block scalar that has ended', () => {
    expect(at('services:\n  web:\n    command: |\n      foo: bar\n      baz\n    ima‸')).toMatchObject({
      path: ['services', 'web'],
    });
  });

  it('copes with blank first lines and the very start of the text', () => {
    expect(at('\nservices:\n  web:\n    ima‸')).toMatchObject({ path: ['services', 'web'] });
    expect(at('\n\nse‸')).toMatchObject({ path: [], prefix: 'se' });
    expect(at('‸\nservices:\n')).toMatchObject({ kind: 'key', path: [], from: 0 });
  });

  it('answers at every position of odd texts without throwing', () => {
    const texts = [
      COMPLETE,
      '\n\n- - a: b\n    - c\n  d:\n\t- e\n',
      '"a": [\n  b, {c: d}\n]\n? x\n: y\n',
      '---\n...\n%YAML 1.2\n',
    ];
    for (const text of texts)
      for (let pos = 0; pos <= text.length; pos++) expect(() => contextAt(text, pos)).not.toThrow();
  });

  it('starts over at a document boundary and ignores CR line ends', () => {
    expect(at('a:\n  b: 1\n---\nserv‸')).toMatchObject({ path: [] });
    expect(at('services:\r\n  web:\r\n    ima‸')).toMatchObject({ path: ['services', 'web'] });
  });
});
