import { describe, expect, it } from 'vitest';
import type { Alert } from '@harbourmaster/contracts';
import {
  alertFacts,
  cut,
  emailHtml,
  escapeMarkdown,
  escapeSlack,
  markdownBody,
  markdownCodeBlock,
  plainBody,
  renderWithin,
  slackLink,
  telegramHtml,
} from './alert-text.js';

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    key: 'container.crash:local:c1',
    source: 'container',
    kind: 'container.died',
    severity: 'critical',
    status: 'firing',
    title: 'web crashed',
    message: 'web on local: exited with code 137.',
    hostId: 'local',
    container: { id: 'c1', name: 'web' },
    stack: 'shop',
    labels: {},
    detail: { exitCode: 137, reason: 'exited with code 137', logTail: ['starting', 'boom'] },
    at: Date.UTC(2026, 11, 1, 8, 15, 18, 123),
    url: 'https://panel.example/containers/local/c1',
    ...over,
  };
}

describe('alertFacts', () => {
  it('titles an alert by state, what and where', () => {
    expect(alertFacts(alert()).title).toBe('🔴 web crashed on local');
    expect(alertFacts(alert({ severity: 'warning' })).title).toBe('🟠 web crashed on local');
    expect(alertFacts(alert({ severity: 'info' })).title).toBe('🔵 web crashed on local');
    expect(alertFacts(alert({ status: 'resolved', title: 'web is running again' })).title).toBe(
      '✅ web is running again on local',
    );
  });

  it('does not name the host twice, and names none when there is none', () => {
    expect(alertFacts(alert({ title: 'web on local crashed' })).headline).toBe('web on local crashed');
    expect(alertFacts(alert({ hostId: null, title: 'Backup failed' })).title).toBe('🔴 Backup failed');
  });

  it('lists the facts that are there, the time in ISO UTC to the second', () => {
    expect(alertFacts(alert()).fields).toEqual([
      { label: 'Host', value: 'local' },
      { label: 'Container', value: 'web' },
      { label: 'Stack', value: 'shop' },
      { label: 'Reason', value: 'exited with code 137' },
      { label: 'Exit code', value: '137' },
      { label: 'Severity', value: 'critical' },
      { label: 'Time', value: '2026-12-01T08:15:18Z' },
    ]);
    const bare = alertFacts(alert({ hostId: null, container: null, stack: null, detail: {} }));
    expect(bare.fields.map((f) => f.label)).toEqual(['Severity', 'Time']);
    // Exit code 0 is a fact, not an absence.
    expect(alertFacts(alert({ detail: { exitCode: 0 } })).fields).toContainEqual({
      label: 'Exit code',
      value: '0',
    });
  });

  it('keeps the last 10 log lines, each cut to 200 characters, without terminal colours', () => {
    const lines = Array.from({ length: 15 }, (_, i) => `line ${i}`);
    lines[14] = `\x1b[31mred\x1b[0m ${'x'.repeat(300)}\r`;
    const f = alertFacts(alert({ detail: { logTail: lines } }));
    expect(f.logTail).toHaveLength(10);
    expect(f.logTail[0]).toBe('line 5');
    expect(f.logTail[9]).toHaveLength(200);
    expect(f.logTail[9]).toMatch(/^red x+…$/);
  });

  it('cuts a long title and message', () => {
    const f = alertFacts(alert({ title: 't'.repeat(500), message: 'm'.repeat(5000) }));
    expect(f.headline.length).toBeLessThanOrEqual(200);
    expect(f.message.length).toBeLessThanOrEqual(3000);
    expect(f.message.endsWith('…')).toBe(true);
  });
});

describe('plainBody', () => {
  it('says the message, the facts, the log lines and the link', () => {
    expect(plainBody(alertFacts(alert()))).toBe(
      [
        'web on local: exited with code 137.',
        '',
        'Host: local',
        'Container: web',
        'Stack: shop',
        'Reason: exited with code 137',
        'Exit code: 137',
        'Severity: critical',
        'Time: 2026-12-01T08:15:18Z',
        '',
        'Last log lines:',
        'starting',
        'boom',
        '',
        'Open in Harbourmaster: https://panel.example/containers/local/c1',
      ].join('\n'),
    );
  });
});

const NASTY = alert({
  title: '<b>web</b> & *co*',
  message: 'see <a href="x">here</a> & _this_',
  container: { id: 'c1', name: '<i>web</i>*' },
  detail: { logTail: ['<b>bold</b> *star* `tick` ```fence```', '</pre><b>x'] },
  url: 'https://panel.example/c?a=1&b="2"',
});

describe('telegramHtml', () => {
  it('escapes every outside text, so a name or log line cannot open a tag', () => {
    const html = telegramHtml(alertFacts(NASTY));
    expect(html).toContain('<b>🔴 &lt;b&gt;web&lt;/b&gt; &amp; *co* on local</b>');
    expect(html).toContain('see &lt;a href=&quot;x&quot;&gt;here&lt;/a&gt; &amp; _this_');
    expect(html).toContain('<b>Container:</b> &lt;i&gt;web&lt;/i&gt;*');
    expect(html).toContain('<pre>&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;b&gt;x</pre>');
    expect(html).toContain(
      '<a href="https://panel.example/c?a=1&amp;b=&quot;2&quot;">Open in Harbourmaster</a>',
    );
    // Only our own tags remain.
    const tags = html.match(/<\/?[a-z]+[^>]*>/g) ?? [];
    expect(new Set(tags.map((t) => t.replace(/^<\/?([a-z]+).*$/, '$1')))).toEqual(new Set(['b', 'pre', 'a']));
  });
});

describe('emailHtml', () => {
  it('escapes every outside text', () => {
    const html = emailHtml(alertFacts(NASTY));
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<b>web');
    expect(html).toContain('&lt;/pre&gt;&lt;b&gt;x');
  });
});

describe('Slack', () => {
  it('escapes &, < and >, so no <!channel> or link can be injected', () => {
    expect(escapeSlack('<!channel> & <http://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
  });

  it('builds a link whose URL cannot end early', () => {
    expect(slackLink('https://x/?a=1&b=|2>', 'Open <it>')).toBe(
      '<https://x/?a=1&amp;b=%7C2&gt;|Open &lt;it&gt;>',
    );
  });
});

describe('Markdown (Discord, Gotify)', () => {
  it('escapes formatting, links, headings and mentions', () => {
    expect(escapeMarkdown('*bold* _it_ ~~s~~ `c` [l](u) # h @everyone <@1> a\\b')).toBe(
      '\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\` \\[l\\]\\(u\\) \\# h \\@everyone \\<\\@1\\> a\\\\b',
    );
  });

  it('keeps log lines inside their code block whatever backticks they hold', () => {
    const block = markdownCodeBlock(['a ``` b', '```']);
    expect(block.startsWith('```\n')).toBe(true);
    expect(block.endsWith('\n```')).toBe(true);
    expect(block.slice(3, -3)).not.toContain('```');
  });

  it('renders the body with escaped facts and a link', () => {
    const md = markdownBody(alertFacts(NASTY));
    expect(md).toContain('- **Container:** \\<i\\>web\\</i\\>\\*');
    expect(md).toContain('see \\<a href\\="x"\\>here\\</a\\> \\& \\_this\\_');
    expect(md).toContain('[Open in Harbourmaster](https://panel.example/c?a=1&b="2")');
    expect(markdownBody(alertFacts(NASTY), { fields: false })).not.toContain('Container');
  });
});

describe('renderWithin', () => {
  it('drops the oldest log lines first, then shortens the message', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(150));
    const f = alertFacts(alert({ message: 'm'.repeat(2000), detail: { logTail: lines } }));
    const full = plainBody(f);
    const fewer = renderWithin(f, plainBody, full.length - 100);
    expect(fewer.length).toBeLessThanOrEqual(full.length - 100);
    expect(fewer).not.toContain('0'.repeat(150));
    expect(fewer).toContain('9'.repeat(150));
    expect(fewer).toContain('m'.repeat(2000));

    const short = renderWithin(f, plainBody, 1024);
    expect(short.length).toBeLessThanOrEqual(1024);
    expect(short).not.toContain('Last log lines');
    expect(short).toMatch(/^m+…\n\nHost: local/);
  });

  it('measures as told (bytes for ntfy)', () => {
    const f = alertFacts(alert({ message: 'é'.repeat(3000), detail: {} }));
    const out = renderWithin(f, plainBody, 4096, (s) => Buffer.byteLength(s));
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(out)).toBeGreaterThan(3900);
  });
});

describe('cut', () => {
  it('never splits a surrogate pair', () => {
    expect(cut('ab😀cd', 4)).toBe('ab…');
    expect(cut('abc', 3)).toBe('abc');
  });
});
