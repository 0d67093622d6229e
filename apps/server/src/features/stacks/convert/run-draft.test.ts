import { describe, expect, it } from 'vitest';
import type { RunFlagUse } from './docker-run-parse.js';
import { variableMark } from './interpolation.js';
import { ServiceDraft } from './run-draft.js';

const use = (value: string): RunFlagUse => ({
  flag: 'env',
  value,
  typed: '-e',
  position: { line: 1, column: 12 },
});

describe('ServiceDraft', () => {
  it('adds to lists once and warns once', () => {
    const draft = new ServiceDraft('img');
    draft.push('dns', '1.1.1.1');
    draft.push('dns', '1.1.1.1');
    draft.warn('w');
    draft.warn('w');
    expect(draft.service.dns).toEqual(['1.1.1.1']);
    expect(draft.warnings).toEqual(['w']);
  });

  it('splits name=value at the first =, with a bare name when allowed', () => {
    const draft = new ServiceDraft('img');
    expect(draft.keyValue(use('a=b=c'), 'x')).toEqual(['a', 'b=c']);
    expect(draft.keyValue(use('bare'), 'x', '')).toEqual(['bare', '']);
    expect(() => draft.keyValue(use('bare'), 'name=value')).toThrow(
      '-e bare: expected name=value (at line 1, column 12)',
    );
    expect(() => draft.keyValue(use('=v'), 'name=value')).toThrow(/expected name=value/);
  });

  it('reads whole numbers with a floor', () => {
    const draft = new ServiceDraft('img');
    expect(draft.integer(use('-3'))).toBe(-3);
    expect(() => draft.integer(use('-3'), 0)).toThrow(/at least 0/);
    expect(() => draft.integer(use('3.5'))).toThrow(/whole number/);
  });

  it('refuses shell variables where Compose wants a name', () => {
    const draft = new ServiceDraft('img');
    expect(() => draft.entry('labels', use('x'), `a${variableMark('B')}`, 'v')).toThrow(
      /cannot be a shell variable/,
    );
    draft.entry('labels', use('x'), 'a', `v${variableMark('B')}`);
    expect(draft.service.labels).toEqual({ a: `v${variableMark('B')}` });
  });
});
