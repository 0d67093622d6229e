import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { convertDockerRun } from './convert-docker-run.js';
import { ConvertError } from './convert-error.js';
import { DOCKER_RUN_EXAMPLES } from './docker-run-examples.fixture.js';

describe('convertDockerRun on realistic commands', () => {
  it('has a dozen and more examples', () => {
    expect(DOCKER_RUN_EXAMPLES.length).toBeGreaterThanOrEqual(12);
  });

  for (const example of DOCKER_RUN_EXAMPLES) {
    it(example.title, () => {
      const reply = convertDockerRun(example.command);
      // Read back as docker-compose v1 (YAML 1.1) and Compose v2 (YAML 1.2) read it: both must
      // see the same document, or some value was left unquoted.
      expect(parse(reply.compose, { version: '1.1' })).toEqual(example.compose);
      expect(parse(reply.compose, { version: '1.2' })).toEqual(example.compose);
      expect(reply.compose).not.toMatch(/^version:/m);
      const services = (example.compose as { services: Record<string, unknown> }).services;
      expect(reply.service).toBe(Object.keys(services)[0]);
      expect(reply.warnings).toHaveLength(example.warnings.length);
      example.warnings.forEach((pattern, i) => expect(reply.warnings[i]).toMatch(pattern));
    });
  }
});

describe('convertDockerRun', () => {
  it('names the service as asked', () => {
    const reply = convertDockerRun('docker run --name web nginx', { name: 'frontend' });
    expect(reply.service).toBe('frontend');
    expect(parse(reply.compose)).toEqual({
      services: { frontend: { image: 'nginx', container_name: 'web' } },
    });
  });

  it('names a service after the image when the command has no --name', () => {
    expect(convertDockerRun('docker run -d ghcr.io/home-assistant/home-assistant:stable').service).toBe(
      'home-assistant',
    );
  });

  it('throws a ConvertError naming the position for a command it cannot read', () => {
    expect(() => convertDockerRun('docker run -p')).toThrow(ConvertError);
    expect(() => convertDockerRun('docker run -d -p 80:80')).toThrow(/names no image/);
    expect(() => convertDockerRun("docker run -e 'A=b nginx")).toThrow(/line 1, column 15/);
    expect(() => convertDockerRun('docker ps -a')).toThrow(/expected docker run …, found docker ps/);
  });

  it('only ever throws ConvertError, whatever the text', () => {
    const pieces = [
      'docker',
      'run',
      '-',
      '--',
      '-e',
      '=',
      "'",
      '"',
      '\\',
      '$',
      '{',
      '}',
      '(',
      ')',
      ':',
      ',',
      '\n',
      ' ',
      'x',
      '--mount',
      'type=',
      '--network',
      'a=b',
      '-v',
      '/',
      '--ulimit',
      '--gpus',
      '`',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3000; n++) {
      const words = Array.from(
        { length: 2 + Math.floor(random() * 12) },
        () => pieces[Math.floor(random() * pieces.length)],
      );
      const text = `docker run ${words.join(random() < 0.5 ? ' ' : '')}`;
      try {
        convertDockerRun(text);
      } catch (err) {
        if (!(err instanceof ConvertError)) {
          throw new Error(`${String(err)} for ${JSON.stringify(text)}`, { cause: err });
        }
      }
    }
  });
});
