import { describe, expect, it } from 'vitest';
import type { Alert } from '@harbourmaster/contracts';
import { checkWebhookTemplate, renderWebhookTemplate, WEBHOOK_PLACEHOLDERS } from './webhook-template.js';

const ALERT: Alert = {
  id: 'a1',
  key: 'k',
  source: 'container',
  kind: 'container.oom',
  severity: 'critical',
  status: 'firing',
  title: 'web "api" crashed\\',
  message: 'line 1\nline 2 </script> \u2028',
  hostId: 'local',
  container: { id: 'c1', name: 'web' },
  stack: null,
  labels: {},
  detail: { exitCode: 137, logTail: ['x'] },
  at: Date.UTC(2026, 0, 2, 3, 4, 5),
  url: null,
};

const EVERY = `{${WEBHOOK_PLACEHOLDERS.filter((p) => p !== 'alert.json')
  .map((p) => `"${p}": "{{${p}}}"`)
  .join(', ')}, "whole": {{alert.json}}}`;

describe('renderWebhookTemplate', () => {
  it('fills every placeholder with a JSON-escaped value that reads back exactly', () => {
    const out = JSON.parse(renderWebhookTemplate(EVERY, ALERT)) as Record<string, unknown>;
    expect(out).toEqual({
      'alert.title': 'web "api" crashed\\',
      'alert.message': 'line 1\nline 2 </script> \u2028',
      'alert.status': 'firing',
      'alert.severity': 'critical',
      'alert.hostId': 'local',
      'alert.container.name': 'web',
      'alert.stack': '',
      'alert.kind': 'container.oom',
      'alert.detail.exitCode': '137',
      'alert.url': '',
      'alert.at': '2026-01-02T03:04:05Z',
      whole: ALERT,
    });
  });

  it('accepts spaces inside the braces', () => {
    expect(renderWebhookTemplate('{"t": "{{ alert.status }}"}', ALERT)).toBe('{"t": "firing"}');
  });
});

describe('checkWebhookTemplate', () => {
  it('accepts a valid template, and none at all', () => {
    expect(checkWebhookTemplate(EVERY)).toBeNull();
    expect(checkWebhookTemplate('{"text": "{{alert.title}} on {{alert.hostId}}"}')).toBeNull();
    expect(checkWebhookTemplate('  ')).toBeNull();
  });

  it('names an unknown placeholder and lists the known ones', () => {
    const problem = checkWebhookTemplate('{"text": "{{alert.titel}}"}');
    expect(problem).toMatch(/^unknown placeholder \{\{alert\.titel\}\}; use one of \{\{alert\.title\}\}/);
    expect(problem).toContain('{{alert.json}}');
  });

  it('refuses a template that is not JSON once filled in', () => {
    expect(checkWebhookTemplate('{"text": {{alert.title}}}')).toMatch(/not valid JSON once filled in/);
    expect(checkWebhookTemplate('{"text": "x"')).toMatch(/not valid JSON/);
  });

  it('refuses a placeholder outside quotes that only works while the value is there', () => {
    // Valid while the exit code is set ("code": 137), broken when it is not ("code": ,).
    expect(checkWebhookTemplate('{"code": {{alert.detail.exitCode}}}')).toMatch(
      /without host, container, stack, exit code or link/,
    );
  });
});
