import { describe, expect, it } from 'vitest';
import { execFileRunner } from './command-runner.js';

// Harmless programs only: the real hostnamectl and timedatectl are never run by tests.
describe('execFileRunner', () => {
  it('passes each argument as one argv entry, with no shell to expand it', async () => {
    // Through a shell, `;` would end the test and run `false`, and the space would split the word.
    await expect(execFileRunner('test', ['x; false', '=', 'x; false'])).resolves.toBeUndefined();
    await expect(execFileRunner('test', ['x; false', '=', 'y'])).rejects.toThrow(/test failed/);
  });

  it("rejects with the program's first line of stderr", async () => {
    await expect(
      execFileRunner('sh', ['-c', 'echo "no such zone" >&2; echo more >&2; exit 1']),
    ).rejects.toThrow('sh failed: no such zone');
  });
});
