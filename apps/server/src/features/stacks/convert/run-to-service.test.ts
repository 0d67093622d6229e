import { describe, expect, it } from 'vitest';
import { parseDockerRun } from './docker-run-parse.js';
import { runToService } from './run-to-service.js';
import { splitShellWords } from './shell-words.js';

const parsed = (command: string) => parseDockerRun(splitShellWords(command).words);

describe('runToService', () => {
  it('takes the image, and the words after it as the command, each whole', () => {
    const built = runToService(parsed(`docker run alpine sh -c 'echo "a  b"' ''`));
    expect(built.service).toEqual({ image: 'alpine', command: ['sh', '-c', 'echo "a  b"', ''] });
  });

  it('leaves the command out when there is none, so the image’s runs', () => {
    expect(runToService(parsed('docker run alpine')).service).toEqual({ image: 'alpine' });
  });

  it('names the service as asked, else after the container, else after the image', () => {
    expect(runToService(parsed('docker run --name web nginx'), { name: 'front' }).serviceName).toBe('front');
    expect(runToService(parsed('docker run --name web nginx')).serviceName).toBe('web');
    expect(runToService(parsed('docker run library/nginx:1')).serviceName).toBe('nginx');
  });

  it('lets the last of a single-valued flag win, as docker does', () => {
    expect(runToService(parsed('docker run -u 1 --user 2 -w /a -w /b alpine')).service).toMatchObject({
      user: '2',
      working_dir: '/b',
    });
  });

  it('puts the parser’s warnings before the flags’', () => {
    const built = runToService(parsed('docker run --rm --frobnicate=1 alpine'));
    expect(built.warnings).toEqual([
      '--frobnicate is not a docker run flag this converter knows; it was left out',
      expect.stringMatching(/^--rm has no place/),
    ]);
  });
});
