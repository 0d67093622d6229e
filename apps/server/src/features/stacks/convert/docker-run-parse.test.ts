import { describe, expect, it } from 'vitest';
import { parseDockerRun } from './docker-run-parse.js';
import { splitShellWords } from './shell-words.js';

const parse = (command: string) => parseDockerRun(splitShellWords(command).words);
const flags = (command: string) => parse(command).flags.map((f) => [f.flag, f.value]);
const failure = (command: string) => {
  try {
    parse(command);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`no error for ${command}`);
};

describe('parseDockerRun: the command around the flags', () => {
  it.each([
    'docker run nginx',
    'docker container run nginx',
    'docker create nginx',
    'sudo docker run nginx',
    'sudo -E docker run nginx',
    'sudo -u root docker run nginx',
    '/usr/bin/docker run nginx',
    'podman run nginx',
    'sudo podman container run nginx',
    '$ docker run nginx',
  ])('reads %s', (command) => {
    const run = parse(command);
    expect(run.image.text).toBe('nginx');
    expect(run.flags).toEqual([]);
    expect(run.warnings).toEqual([]);
  });

  it('reads past docker CLI options and VAR= prefixes, with warnings', () => {
    const run = parse(
      'DOCKER_HOST=tcp://x:2375 docker -H unix:///run/docker.sock --context=prod run -d nginx',
    );
    expect(run.image.text).toBe('nginx');
    expect(run.warnings).toEqual([
      "DOCKER_HOST=tcp://x:2375 before the command sets the docker CLI's environment, not the container's; it was left out",
      '-H is an option of the docker CLI, not of the container; it was left out',
      '--context=prod is an option of the docker CLI, not of the container; it was left out',
    ]);
  });

  it('refuses what is not a run command, naming what it found', () => {
    expect(failure('kubectl run nginx')).toMatch(/starts with kubectl.*\(at line 1, column 1\)$/);
    expect(failure('docker ps -a')).toMatch(/^expected docker run …, found docker ps/);
    expect(failure('docker container ls')).toMatch(/found docker container ls/);
    expect(failure('docker')).toMatch(/docker is not followed by run/);
    expect(failure('')).toMatch(/^paste a docker run command/);
  });

  it('needs an image, and a plausible one', () => {
    expect(failure('docker run -d --name web')).toMatch(/names no image.*\(at line 1, column 22\)$/);
    expect(failure('docker run -d ""')).toMatch(/an empty word is not an image name/);
    expect(failure('docker run -d -- -x')).toMatch(/-x is not an image name/);
    expect(failure('docker run "my image"')).toMatch(/contains spaces/);
  });
});

describe('parseDockerRun: flags', () => {
  it('reads long flags with = or a separate value, and their aliases', () => {
    expect(flags('docker run --name web --restart=always --net=backend --dns-opt ndots:1 nginx')).toEqual([
      ['name', 'web'],
      ['restart', 'always'],
      ['network', 'backend'],
      ['dns-option', 'ndots:1'],
    ]);
  });

  it('takes the next word as the value even when it starts with a dash', () => {
    expect(flags('docker run --oom-score-adj -500 --entrypoint= nginx')).toEqual([
      ['oom-score-adj', '-500'],
      ['entrypoint', ''],
    ]);
  });

  it('reads short flags alone, clustered, with attached values and with =', () => {
    expect(flags('docker run -itd -p80:80 -dp 8080:8080 -e=A=b -v /x:/y nginx')).toEqual([
      ['interactive', 'true'],
      ['tty', 'true'],
      ['detach', 'true'],
      ['publish', '80:80'],
      ['detach', 'true'],
      ['publish', '8080:8080'],
      ['env', 'A=b'],
      ['volume', '/x:/y'],
    ]);
  });

  it('reads booleans as on or off, and refuses other values', () => {
    expect(flags('docker run --rm=false --privileged --init=true -t=false -i=1 nginx')).toEqual([
      ['rm', 'false'],
      ['privileged', 'true'],
      ['init', 'true'],
      ['tty', 'false'],
      ['interactive', 'true'],
    ]);
    expect(failure('docker run --privileged=yes nginx')).toMatch(/--privileged is on or off/);
  });

  it('stops at the image: later words, dashes included, are the command', () => {
    const run = parse('docker run -d alpine:3.20 sh -c "echo -n hi" --rm');
    expect(run.image.text).toBe('alpine:3.20');
    expect(run.command).toEqual(['sh', '-c', 'echo -n hi', '--rm']);
    expect(run.flags).toHaveLength(1);
    expect(parse('docker run -d -- nginx -d').command).toEqual(['-d']); // `--` ends the flags
  });

  it('warns about unknown flags and reads them as on/off unless a value is attached', () => {
    const run = parse('docker run --pod=mypod --quadlet -X nginx');
    expect(run.image.text).toBe('nginx');
    expect(run.warnings).toEqual([
      '--pod is not a docker run flag this converter knows; it was left out',
      '--quadlet is not a docker run flag this converter knows; it was left out, read as on/off (if it takes a value, write --quadlet=value, or the value is read as the image)',
      '-X is not a docker run flag this converter knows; it was left out, read as on/off (if it takes a value, write -X=value, or the value is read as the image)',
    ]);
  });

  it('names a flag whose value is missing, and where it is', () => {
    expect(failure('docker run \\\n  --name')).toBe(
      '--name needs a value, and the command ends after it (at line 2, column 3)',
    );
    expect(failure('docker run -dp')).toMatch(/^-p needs a value/);
  });

  it('refuses typographic dashes, with what to write instead', () => {
    expect(failure('docker run –name web nginx')).toMatch(/–name starts with a typographic dash/);
  });

  it('keeps the position of every flag', () => {
    const run = parse('docker run \\\n  -p 80:80 \\\n  --name=web nginx');
    expect(run.flags.map((f) => [f.typed, f.position])).toEqual([
      ['-p', { line: 2, column: 3 }],
      ['--name', { line: 3, column: 3 }],
    ]);
  });
});
