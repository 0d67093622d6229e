import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './closest-name.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('image', 'image')).toBe(0);
    expect(editDistance('imagee', 'image')).toBe(1);
    expect(editDistance('imge', 'image')).toBe(1);
    expect(editDistance('imafe', 'image')).toBe(1);
    expect(editDistance('restrat', 'restart')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestName', () => {
  const keys = ['image', 'ports', 'restart', 'environment', 'networks', 'volumes', 'cpus'];

  it('suggests the nearest key', () => {
    expect(closestName('imagee', keys)).toBe('image');
    expect(closestName('enviroment', keys)).toBe('environment');
    expect(closestName('Restart', keys)).toBe('restart');
    expect(closestName('volume', keys)).toBe('volumes');
  });

  it('suggests nothing when no key is close', () => {
    expect(closestName('frobnicate', keys)).toBeUndefined();
    expect(closestName('cmd', keys)).toBeUndefined();
  });
});
