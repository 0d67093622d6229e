import { describe, expect, it } from 'vitest';
import { lintCompose } from './compose-lint.js';

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

const REALISTIC = `name: shop

x-logging: &logging
  driver: json-file
  options:
    max-size: "10m"
    max-file: "3"

x-env: &env
  TZ: Europe/Berlin
  LOG_LEVEL: info

services:
  proxy:
    image: traefik:v3.1
    command:
      - --providers.docker=true
      - --entrypoints.web.address=:80
    ports:
      - "80:80"
      - target: 443
        published: 443
        protocol: tcp
        mode: host
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - type: bind
        source: ./traefik
        target: /etc/traefik
        read_only: true
    networks: [front]
    restart: unless-stopped
    logging: *logging

  web:
    build:
      context: ./web
      dockerfile: Dockerfile
      args:
        NODE_ENV: production
    environment:
      <<: *env
      DATABASE_URL: postgres://shop@db/shop
    env_file:
      - .env
      - path: ./override.env
        required: false
    depends_on:
      db:
        condition: service_healthy
        restart: true
    healthcheck:
      test: ["CMD-SHELL", "wget -qO- http://localhost:3000/health || exit 1"]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 20s
    deploy:
      replicas: 2
      resources:
        limits:
          cpus: "1.5"
          memory: 512M
        reservations:
          memory: 128M
    labels:
      - traefik.http.routers.web.rule=Host(\`shop.example.com\`)
    networks:
      front:
        aliases: [shop]
      back:
    develop:
      watch:
        - path: ./web/src
          action: sync
          target: /app/src
    post_start:
      - command: ["/app/warm-up"]
    x-owner: team-shop
    restart: always
    init: true
    stop_grace_period: 1m30s

  db:
    image: postgres:17-alpine
    environment:
      - POSTGRES_DB=shop
      - POSTGRES_PASSWORD_FILE=/run/secrets/db_password
    secrets:
      - db_password
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "shop"]
    ulimits:
      nofile:
        soft: 20000
        hard: 40000
    logging: *logging
    networks:
      - back
    restart: unless-stopped

networks:
  front:
  back:
    internal: true
  outside:
    external: true

volumes:
  db-data:
  cache:
    driver: local

secrets:
  db_password:
    file: ./secrets/db_password.txt
`;

describe('lintCompose', () => {
  it('finds nothing wrong in a realistic file with anchors, aliases, merge keys and newer keys', () => {
    expect(lintCompose(REALISTIC)).toEqual([]);
  });

  it('finds nothing in an empty file or a file of comments', () => {
    expect(lintCompose('')).toEqual([]);
    expect(lintCompose('# nothing yet\n')).toEqual([]);
  });

  it('names a mistyped service key and suggests the right one', () => {
    const text = 'services:\n  web:\n    imagee: nginx\n';
    expect(lintCompose(text)).toEqual([
      {
        from: text.indexOf('imagee'),
        to: text.indexOf('imagee') + 6,
        severity: 'warning',
        message: '`imagee` is not a service key — did you mean `image`?',
      },
    ]);
  });

  it('names the place of unknown keys at the top, in nested objects and in list items', () => {
    const text = [
      'servces: {}',
      'services:',
      '  web:',
      '    image: nginx',
      '    restrat: always',
      '    healthcheck:',
      '      intervall: 5s',
      '    deploy:',
      '      resources:',
      '        limits:',
      '          memroy: 1g',
      '    ports:',
      '      - tagret: 80',
      '    frobnicate: true',
      '',
    ].join('\n');
    expect(lintCompose(text).map((d) => d.message)).toEqual([
      '`servces` is not a top-level Compose key — did you mean `services`?',
      '`restrat` is not a service key — did you mean `restart`?',
      '`intervall` is not a key of `healthcheck` — did you mean `interval`?',
      '`memroy` is not a key of `deploy.resources.limits` — did you mean `memory`?',
      '`tagret` is not a key of a `ports` item — did you mean `target`?',
      '`frobnicate` is not a service key',
    ]);
  });

  it('rejects a service name Compose does not accept', () => {
    expect(lintCompose('services:\n  my web:\n    image: nginx\n').map((d) => d.message)).toEqual([
      "`my web` is not a valid service name: use letters, digits, '.', '_' and '-'",
    ]);
  });

  it('warns about a value of the wrong shape', () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports: "80:80"\n    environment: FOO=bar\n';
    const diagnostics = lintCompose(text);
    expect(diagnostics.map((d) => d.message)).toEqual([
      '`ports` should be a list, not a string',
      '`environment` should be a mapping or a list, not a string',
    ]);
    expect(diagnostics[0]?.from).toBe(text.indexOf('ports'));
    expect(lintCompose('services:\n  web:\n    healthcheck:\n      - test\n').map((d) => d.message)).toEqual([
      '`healthcheck` should be a mapping, not a list',
    ]);
    expect(lintCompose('just text\n').map((d) => d.message)).toEqual([
      'A Compose file should be a mapping, not a string',
    ]);
  });

  it('always allows x- keys, at any level, with anything under them', () => {
    const text =
      'x-a:\n  whatever: [1, {b: 2}]\nservices:\n  web:\n    x-b: 1\n    healthcheck:\n      x-c: {}\n';
    expect(lintCompose(text)).toEqual([]);
  });

  it('reports a YAML syntax error on its line, and no schema warnings until it is fixed', () => {
    const text = 'services:\n  db:\n    imagee: x\n  web:\n    image: nginx\n   ports:\n      - 80\n';
    const diagnostics = lintCompose(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      message: 'All mapping items must start at the same column',
    });
    expect(lineOf(text, diagnostics[0]?.from ?? -1)).toBe(6);
    const nested = 'services:\n  web:\n    image: nginx: latest\n';
    expect(lintCompose(nested).map((d) => [d.severity, lineOf(nested, d.from)])).toEqual([['error', 3]]);
  });

  it('reports a tab indent and a duplicate key in plain words', () => {
    const tabbed = lintCompose('services:\n\tweb:\n    image: nginx\n');
    expect(tabbed[0]).toMatchObject({
      severity: 'error',
      message: 'Tabs cannot indent YAML: indent with spaces',
    });
    const text = 'services:\n  web:\n    image: a\n    image: b\n';
    const [duplicate] = lintCompose(text);
    expect(duplicate?.message).toContain('already in this mapping');
    expect(lineOf(text, duplicate?.from ?? -1)).toBe(4);
  });

  it("accepts Compose's !reset and !override tags", () => {
    expect(
      lintCompose('services:\n  web:\n    ports: !reset []\n    environment: !override\n      A: 1\n'),
    ).toEqual([]);
  });

  it('never throws, whatever the input', () => {
    const inputs = [
      '{{{{',
      ': : :',
      '- - - -',
      '\u0000\u0001',
      '['.repeat(5000),
      'a: *nope\n',
      '? [a]\n: b\n',
    ];
    for (const input of inputs) expect(() => lintCompose(input)).not.toThrow();
  });

  it('lints a 256 KiB file', () => {
    const service = (i: number) =>
      `  svc${i}:\n    image: nginx:1.27\n    restart: unless-stopped\n    environment:\n      A: "1"\n` +
      `    ports:\n      - "${8000 + (i % 1000)}:80"\n    healthcheck:\n      test: ["CMD", "true"]\n` +
      `      interval: 10s\n    imagee: typo\n`;
    let text = 'services:\n';
    for (let i = 0; text.length < 256 * 1024; i++) text += service(i);
    const diagnostics = lintCompose(text);
    expect(diagnostics.length).toBeGreaterThan(1000);
    expect(diagnostics.every((d) => d.message.startsWith('`imagee`'))).toBe(true);
  });
});
