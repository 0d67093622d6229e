import { describe, expect, it } from 'vitest';
import type { Rule } from '@harbourmaster/contracts';
import { describeMatch, NEW_RULE, ruleBodyOf, ruleFormOf, ruleFormProblems, toggled } from './rule-form.js';

const rule: Rule = {
  id: 'r1',
  name: 'crashes',
  channelIds: ['c1', 'c2'],
  match: { sources: ['container'], minSeverity: 'warning', stacks: ['shop', 'blog'], labels: ['tier=web'] },
  cooldownSeconds: 300,
  sendResolved: false,
  enabled: true,
  createdAt: 1,
};

describe('the rule form', () => {
  it('sends an empty match for a new rule (it takes every alert) and a cooldown of 0', () => {
    expect(ruleBodyOf({ ...NEW_RULE, name: ' all ', channelIds: ['c1'] })).toEqual({
      name: 'all',
      channelIds: ['c1'],
      match: {},
      cooldownSeconds: 0,
      sendResolved: true,
      enabled: true,
    });
  });

  it('reads a stored rule back into the same body, lists as comma-separated text', () => {
    const form = ruleFormOf(rule);
    expect(form).toMatchObject({ stacks: 'shop, blog', labels: 'tier=web', cooldownSeconds: '300' });
    const { id: _id, createdAt: _at, ...body } = rule;
    expect(ruleBodyOf(form)).toEqual(body);
  });

  it('splits lists on commas, leaving out empty entries', () => {
    expect(ruleBodyOf({ ...NEW_RULE, hosts: ' local, , nas ', kinds: 'container.oom' }).match).toEqual({
      hosts: ['local', 'nas'],
      kinds: ['container.oom'],
    });
  });

  it('says when the cooldown is not whole seconds within a day', () => {
    expect(ruleFormProblems({ ...NEW_RULE, cooldownSeconds: '' })).toEqual({});
    expect(ruleFormProblems({ ...NEW_RULE, cooldownSeconds: '86400' })).toEqual({});
    expect(Object.keys(ruleFormProblems({ ...NEW_RULE, cooldownSeconds: '1.5' }))).toEqual([
      'cooldownSeconds',
    ]);
    expect(Object.keys(ruleFormProblems({ ...NEW_RULE, cooldownSeconds: '90000' }))).toEqual([
      'cooldownSeconds',
    ]);
  });

  it('toggles checkbox lists without duplicates', () => {
    expect(toggled(['a'], 'a', true)).toEqual(['a']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it('describes a match in a few words', () => {
    expect(describeMatch({})).toBe('all alerts');
    expect(describeMatch(rule.match)).toBe(
      'container alerts · warning or critical · stacks: shop, blog · labels: tier=web',
    );
    expect(describeMatch({ minSeverity: 'info', hosts: ['nas'] })).toBe('all alerts · hosts: nas');
  });
});
