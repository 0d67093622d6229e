import { describe, expect, it } from 'vitest';
import type { Alert } from '@harbourmaster/contracts';
import { ruleMatches } from './rule-match.js';

const alert: Alert = {
  id: 'a',
  key: 'k',
  source: 'container',
  kind: 'container.died',
  severity: 'warning',
  status: 'firing',
  title: 't',
  message: '',
  hostId: 'local',
  container: { id: 'c', name: 'web' },
  stack: 'shop',
  labels: { team: 'ops', tier: 'front' },
  detail: {},
  at: 0,
  url: null,
};

describe('ruleMatches', () => {
  it('takes every alert with an empty match', () => {
    expect(ruleMatches({}, alert, [])).toBe(true);
  });

  it('needs every given field to hold', () => {
    expect(ruleMatches({ sources: ['container'], hosts: ['local'], stacks: ['shop'] }, alert, [])).toBe(true);
    expect(ruleMatches({ sources: ['monitor'] }, alert, [])).toBe(false);
    expect(ruleMatches({ hosts: ['nas'] }, alert, [])).toBe(false);
    expect(ruleMatches({ stacks: ['media'] }, alert, [])).toBe(false);
    expect(ruleMatches({ kinds: ['container.oom'] }, alert, [])).toBe(false);
  });

  it('compares severity as a lower bound', () => {
    expect(ruleMatches({ minSeverity: 'info' }, alert, [])).toBe(true);
    expect(ruleMatches({ minSeverity: 'warning' }, alert, [])).toBe(true);
    expect(ruleMatches({ minSeverity: 'critical' }, alert, [])).toBe(false);
  });

  it('matches tags and labels (key or key=value)', () => {
    expect(ruleMatches({ tags: ['prod'] }, alert, ['prod', 'db'])).toBe(true);
    expect(ruleMatches({ tags: ['prod'] }, alert, ['dev'])).toBe(false);
    expect(ruleMatches({ labels: ['team'] }, alert, [])).toBe(true);
    expect(ruleMatches({ labels: ['team=ops'] }, alert, [])).toBe(true);
    expect(ruleMatches({ labels: ['team=dev'] }, alert, [])).toBe(false);
    expect(ruleMatches({ labels: ['toString'] }, alert, [])).toBe(false);
  });

  it('never matches a host or stack rule for an alert without one', () => {
    const external = { ...alert, hostId: null, stack: null };
    expect(ruleMatches({ hosts: ['local'] }, external, [])).toBe(false);
    expect(ruleMatches({ stacks: ['shop'] }, external, [])).toBe(false);
  });
});
