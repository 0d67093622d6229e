import { describe, expect, it } from 'vitest';
import { compareNames, sortByName } from './natural-sort.js';

describe('natural name order', () => {
  it('orders numbers inside names by value', () => {
    expect(['worker-10', 'worker-2', 'worker-1', 'db'].sort(compareNames)).toEqual([
      'db',
      'worker-1',
      'worker-2',
      'worker-10',
    ]);
    expect(['app_10_web', 'app_9_web', 'app_9_db'].sort(compareNames)).toEqual([
      'app_9_db',
      'app_9_web',
      'app_10_web',
    ]);
  });

  it('never calls two different names equal, so a list does not reshuffle', () => {
    expect(compareNames('Web', 'web')).not.toBe(0);
    expect(compareNames('web-02', 'web-2')).not.toBe(0);
  });

  it('sorts rows by a name without changing the input', () => {
    const rows = [{ n: 'vol-11' }, { n: 'vol-3' }];
    expect(sortByName(rows, (r) => r.n).map((r) => r.n)).toEqual(['vol-3', 'vol-11']);
    expect(rows[0]?.n).toBe('vol-11');
  });
});
