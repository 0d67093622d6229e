import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeDocument } from './compose-document.js';
import { variableMark } from './interpolation.js';
import type { ComposeService, ServiceProject } from './service-model.js';

const project = (service: ComposeService, extra: Partial<ServiceProject> = {}): ServiceProject => ({
  serviceName: 'app',
  service,
  volumes: {},
  networks: {},
  warnings: [],
  ...extra,
});
const both = (text: string) => {
  const v11: unknown = parse(text, { version: '1.1' });
  expect(parse(text, { version: '1.2' })).toEqual(v11);
  return v11;
};

describe('composeDocument', () => {
  it('writes one service under services:, keys in a fixed order, no version: and no empty sections', () => {
    const text = composeDocument(
      project({ restart: 'always', ports: ['80:80'], image: 'nginx', container_name: 'web', command: ['a'] }),
    );
    expect(text).toBe(
      'services:\n  app:\n    image: nginx\n    container_name: web\n    command:\n      - a\n    ports:\n      - 80:80\n    restart: always\n',
    );
  });

  it('adds top-level volumes and networks when the service uses them', () => {
    const text = composeDocument(
      project(
        { image: 'x', volumes: ['data:/d'], networks: { front: null } },
        { volumes: { data: { name: 'data' } }, networks: { front: { external: true } } },
      ),
    );
    expect(both(text)).toEqual({
      services: { app: { image: 'x', volumes: ['data:/d'], networks: { front: null } } },
      volumes: { data: { name: 'data' } },
      networks: { front: { external: true } },
    });
  });

  it('quotes every string a YAML 1.1 or 1.2 reader would take for something else', () => {
    const tricky = [
      'yes',
      'no',
      'on',
      'off',
      'y',
      'N',
      'true',
      'null',
      '~',
      '0755',
      '0x1F',
      '1e3',
      '22:22',
      '1:2:3',
      '*star',
      '&anchor',
      '!tag',
      '%dir',
      '@at',
      '`tick',
      '# comment',
      'a: b',
      '- x',
      '[a]',
      '{a}',
      '',
      ' lead',
      'trail ',
      '80',
      '1_000',
      '.5',
      '-1',
      '.inf',
      '.NaN',
      '2024-01-01',
      "'q'",
      '"q"',
      '|',
      '>',
    ];
    const text = composeDocument(
      project({ image: 'x', command: tricky, ports: ['80', '8080:80', '53:53/udp'] }),
    );
    expect(both(text)).toEqual({
      services: { app: { image: 'x', command: tricky, ports: ['80', '8080:80', '53:53/udp'] } },
    });
  });

  it('keeps numbers and booleans as such', () => {
    const text = composeDocument(
      project({ image: 'x', cpus: 1.5, pids_limit: 100, init: true, ulimits: { nofile: 1024 } }),
    );
    expect(both(text)).toEqual({
      services: { app: { image: 'x', init: true, cpus: 1.5, pids_limit: 100, ulimits: { nofile: 1024 } } },
    });
  });

  it('doubles literal $ and writes shell variables as ${…}, in values at any depth, never in keys', () => {
    const text = composeDocument(
      project({
        image: `registry/app:${variableMark('TAG')}`,
        environment: { PRICE: '$5', WEIRD$KEY: 'x' },
        healthcheck: { test: ['CMD-SHELL', 'test "$HOME" = /root'] },
      }),
    );
    expect(both(text)).toEqual({
      services: {
        app: {
          image: 'registry/app:${TAG}',
          environment: { PRICE: '$$5', WEIRD$KEY: 'x' },
          healthcheck: { test: ['CMD-SHELL', 'test "$$HOME" = /root'] },
        },
      },
    });
    expect(() => composeDocument(project({ image: 'x', labels: { [variableMark('K')]: 'v' } }))).toThrow(
      /compose key/,
    );
  });

  it('never folds long values, and writes text with newlines as block text', () => {
    const long = 'x '.repeat(100).trim();
    const text = composeDocument(project({ image: 'x', command: [long, 'line one\nline two'] }));
    expect(text).toContain(`- ${long}\n`);
    expect(both(text)).toEqual({ services: { app: { image: 'x', command: [long, 'line one\nline two'] } } });
  });

  it('writes a bare environment name as null (Compose takes it from its environment)', () => {
    expect(both(composeDocument(project({ image: 'x', environment: { TOKEN: null } })))).toEqual({
      services: { app: { image: 'x', environment: { TOKEN: null } } },
    });
  });
});
