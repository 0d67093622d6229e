import type { AlertMatch, AlertSeverity, AlertSource, Rule, RuleBody } from '@harbourmaster/contracts';

/** The match lists typed as comma-separated text. */
export const MATCH_LISTS = ['hosts', 'stacks', 'tags', 'labels', 'kinds'] as const;
type MatchList = (typeof MATCH_LISTS)[number];

/** The rule form: lists as comma-separated text, the cooldown as typed. */
export interface RuleForm extends Record<MatchList, string> {
  name: string;
  channelIds: string[];
  sources: AlertSource[];
  minSeverity: AlertSeverity | '';
  cooldownSeconds: string;
  sendResolved: boolean;
  enabled: boolean;
}

export const NEW_RULE: RuleForm = {
  name: '',
  channelIds: [],
  sources: [],
  minSeverity: '',
  hosts: '',
  stacks: '',
  tags: '',
  labels: '',
  kinds: '',
  cooldownSeconds: '0',
  sendResolved: true,
  enabled: true,
};

/** The form for editing a stored rule. */
export function ruleFormOf(rule: Rule): RuleForm {
  const m = rule.match;
  return {
    name: rule.name,
    channelIds: [...rule.channelIds],
    sources: [...(m.sources ?? [])],
    minSeverity: m.minSeverity ?? '',
    hosts: (m.hosts ?? []).join(', '),
    stacks: (m.stacks ?? []).join(', '),
    tags: (m.tags ?? []).join(', '),
    labels: (m.labels ?? []).join(', '),
    kinds: (m.kinds ?? []).join(', '),
    cooldownSeconds: String(rule.cooldownSeconds),
    sendResolved: rule.sendResolved,
    enabled: rule.enabled,
  };
}

const listOf = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Adds or removes one value of a checkbox list. */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

/** The fields whose text cannot be sent as is, with what to type instead. */
export function ruleFormProblems(form: RuleForm): Record<string, string> {
  const s = form.cooldownSeconds.trim();
  return s === '' || (/^\d+$/.test(s) && Number(s) <= 86_400)
    ? {}
    : { cooldownSeconds: 'Enter whole seconds from 0 to 86400 (a day); 0 sends every time.' };
}

/** The request body: only the match fields that are set (an empty match takes every alert). */
export function ruleBodyOf(form: RuleForm): RuleBody {
  const match: AlertMatch = {
    ...(form.sources.length > 0 && { sources: form.sources }),
    ...(form.minSeverity && { minSeverity: form.minSeverity }),
  };
  for (const key of MATCH_LISTS) {
    const list = listOf(form[key]);
    if (list.length > 0) match[key] = list;
  }
  const cooldown = form.cooldownSeconds.trim();
  return {
    name: form.name.trim(),
    channelIds: form.channelIds,
    match,
    cooldownSeconds: cooldown === '' ? 0 : Number(cooldown),
    sendResolved: form.sendResolved,
    enabled: form.enabled,
  };
}

const SEVERITY_WORDS: Record<AlertSeverity, string> = {
  info: 'any severity',
  warning: 'warning or critical',
  critical: 'critical only',
};

/** A rule's match in a few words, e.g. "container alerts · critical only · stacks: shop". */
export function describeMatch(m: AlertMatch): string {
  const parts = [
    m.sources?.length ? `${m.sources.join(', ')} alerts` : 'all alerts',
    ...(m.minSeverity && m.minSeverity !== 'info' ? [SEVERITY_WORDS[m.minSeverity]] : []),
    ...MATCH_LISTS.flatMap((key) => (m[key]?.length ? [`${key}: ${m[key].join(', ')}`] : [])),
  ];
  return parts.join(' · ');
}
