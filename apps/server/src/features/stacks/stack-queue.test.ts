import { describe, expect, it } from 'vitest';
import { StackQueue } from './stack-queue.js';

describe('StackQueue', () => {
  it('runs operations on one stack one after the other, and says when one waits', async () => {
    const q = new StackQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = q.run('local/web', async () => {
      log.push('first start');
      await new Promise<void>((r) => (release = r));
      log.push('first end');
    });
    const second = q.run(
      'local/web',
      () => {
        log.push('second');
        return Promise.resolve(2);
      },
      () => log.push('second waits'),
    );
    const other = q.run('local/db', () => {
      log.push('other stack');
      return Promise.resolve();
    });
    await other;
    release();
    expect(await second).toBe(2);
    await first;
    expect(log).toEqual(['second waits', 'first start', 'other stack', 'first end', 'second']);
  });

  it('goes on after a failed operation', async () => {
    const q = new StackQueue();
    await expect(q.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await q.run('k', () => Promise.resolve('next'))).toBe('next');
  });
});
