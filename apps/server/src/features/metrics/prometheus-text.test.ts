import { describe, expect, it } from 'vitest';
import { escapeLabel, renderPrometheus } from './prometheus-text.js';

describe('the Prometheus text format', () => {
  it('renders help, type and labelled samples, and leaves out empty families', () => {
    const text = renderPrometheus([
      {
        name: 'harbourmaster_container_cpu_cores',
        help: 'CPU in cores.',
        type: 'gauge',
        samples: [
          { labels: { host: 'local', container: 'web' }, value: 0.5 },
          { labels: { host: 'local', container: 'db' }, value: 1 },
        ],
      },
      { name: 'nothing', help: 'Empty.', type: 'counter', samples: [] },
      { name: 'up', help: 'Up.', type: 'gauge', samples: [{ labels: {}, value: Infinity }] },
    ]);
    expect(text).toBe(
      [
        '# HELP harbourmaster_container_cpu_cores CPU in cores.',
        '# TYPE harbourmaster_container_cpu_cores gauge',
        'harbourmaster_container_cpu_cores{host="local",container="web"} 0.5',
        'harbourmaster_container_cpu_cores{host="local",container="db"} 1',
        '# HELP up Up.',
        '# TYPE up gauge',
        'up +Inf',
        '',
      ].join('\n'),
    );
  });

  it('escapes what would break a label value out of its quotes', () => {
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const text = renderPrometheus([
      {
        name: 'x',
        help: 'X.',
        type: 'gauge',
        samples: [{ labels: { container: '"} 1\nevil 2' }, value: 3 }],
      },
    ]);
    expect(text.split('\n')[2]).toBe('x{container="\\"} 1\\nevil 2"} 3');
  });
});
