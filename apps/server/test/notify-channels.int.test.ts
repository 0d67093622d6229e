import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerAuthentication } from 'smtp-server';
import type { Alert, ChannelConfig } from '@harbourmaster/contracts';
import { ChannelError } from '../src/adapters/notify/channel-error.js';
import { DEFAULT_SEND_TIMEOUT_MS, sendAlert } from '../src/adapters/notify/channel-senders.js';

// Every channel against a receiver on loopback that records exactly what arrived: the request a
// real service would get, and what the sender makes of each way a service can fail.

const ALERT: Alert = {
  id: 'al_1',
  key: 'container.crash:local:c0ffee',
  source: 'container',
  kind: 'container.died',
  severity: 'critical',
  status: 'firing',
  title: 'web <b>crashed</b>',
  message: 'web on local: exited with code 137.',
  hostId: 'local',
  container: { id: 'c0ffee', name: 'web*1' },
  stack: 'shop',
  labels: { team: 'ops' },
  detail: {
    exitCode: 137,
    reason: 'exited with code 137',
    logTail: ['listening on :8080', 'FATAL <b>out of</b> *memory*'],
  },
  at: Date.UTC(2026, 11, 1, 8, 15, 18),
  url: 'http://panel.test/containers/local/c0ffee',
};
const OPTS = { timeoutMs: DEFAULT_SEND_TIMEOUT_MS };

// ---- An HTTP receiver ----

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

interface Receiver {
  url: string;
  port: number;
  received: Received[];
  replyWith(reply: Reply | ((r: Received) => Reply)): void;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let reply: (r: Received) => Reply = () => ({ status: 200, body: '{}' });
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      const answer = reply(r);
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    replyWith: (r) => {
      reply = typeof r === 'function' ? r : () => r;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port with nothing listening: bound once, then closed. */
async function closedPort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** The sender's rejection, which must be a ChannelError. */
async function failure(send: Promise<void>): Promise<ChannelError> {
  const err = await send.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChannelError);
  return err as ChannelError;
}

function json(r: Received | undefined): Record<string, unknown> {
  expect(r).toBeDefined();
  return JSON.parse(r?.body ?? '') as Record<string, unknown>;
}

let rx: Receiver;
let other: Receiver;
beforeAll(async () => {
  rx = await startReceiver();
  other = await startReceiver();
});
afterEach(() => {
  rx.received.length = 0;
  other.received.length = 0;
  rx.replyWith({ status: 200, body: '{}' });
});
afterAll(async () => {
  await rx.close();
  await other.close();
});

// ---- Each HTTP channel: its settings, secrets, success and refusal in the service's own form ----

const TG_TOKEN = '123456789:AAHsecretTokenValue_xyz';
const DISCORD_TOKEN = 'DiscordSecretToken_abcdefghij';
const SLACK_TOKEN = 'SlackSecretXXXXXXXXXXXXXX';
const PUSHOVER_TOKEN = 'azGDORePK8gMaC0QOYAMyEEuzJnyUi';
const PUSHOVER_USER = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';
const GOTIFY_TOKEN = 'AgotifySecretKey.x';
const NTFY_TOKEN = 'tk_ntfySecretToken1234567890';
const HOOK_PATH_SECRET = 'WebhookPathSecret123';
const HOOK_QUERY_SECRET = 'QuerySecret456';
const HOOK_HEADER_SECRET = 'HeaderSecret789abc';

interface HttpCase {
  service: string;
  channel: (base: string) => ChannelConfig;
  secrets: string[];
  /** A 401 as the service words it, echoing a secret, and the words the error must carry. */
  unauthorized: { body: string; words: string };
}

const HTTP_CASES: Record<string, HttpCase> = {
  webhook: {
    service: 'Webhook',
    channel: (base) => ({
      type: 'webhook',
      config: {
        url: `${base}/hooks/${HOOK_PATH_SECRET}?key=${HOOK_QUERY_SECRET}`,
        headers: { Authorization: `Bearer ${HOOK_HEADER_SECRET}` },
      },
    }),
    secrets: [HOOK_PATH_SECRET, HOOK_QUERY_SECRET, HOOK_HEADER_SECRET],
    unauthorized: {
      body: JSON.stringify({
        error: `bad key ${HOOK_QUERY_SECRET} for /hooks/${HOOK_PATH_SECRET}, ${HOOK_HEADER_SECRET}`,
      }),
      // The path is a secret as a whole, so it goes as a whole.
      words: '{"error":"bad key [redacted] for [redacted], [redacted]"}',
    },
  },
  telegram: {
    service: 'Telegram',
    channel: (base) => ({
      type: 'telegram',
      config: { botToken: TG_TOKEN, chatId: '-1001234', baseUrl: base },
    }),
    secrets: [TG_TOKEN, encodeURIComponent(TG_TOKEN)],
    unauthorized: {
      body: JSON.stringify({
        ok: false,
        error_code: 401,
        description: `Unauthorized: bot ${TG_TOKEN} not found`,
      }),
      words: 'Unauthorized: bot [redacted] not found',
    },
  },
  discord: {
    service: 'Discord',
    channel: (base) => ({
      type: 'discord',
      config: { webhookUrl: `${base}/api/webhooks/123456789012345678/${DISCORD_TOKEN}` },
    }),
    secrets: [DISCORD_TOKEN],
    unauthorized: {
      body: JSON.stringify({ message: `Invalid Webhook Token ${DISCORD_TOKEN}`, code: 50027 }),
      words: 'Invalid Webhook Token [redacted]',
    },
  },
  slack: {
    service: 'Slack',
    channel: (base) => ({
      type: 'slack',
      config: { webhookUrl: `${base}/services/T0001/B0001/${SLACK_TOKEN}` },
    }),
    secrets: [SLACK_TOKEN],
    unauthorized: { body: `invalid_token ${SLACK_TOKEN}`, words: 'invalid_token [redacted]' },
  },
  pushover: {
    service: 'Pushover',
    channel: (base) => ({
      type: 'pushover',
      config: { token: PUSHOVER_TOKEN, user: PUSHOVER_USER, baseUrl: base },
    }),
    secrets: [PUSHOVER_TOKEN, PUSHOVER_USER],
    unauthorized: {
      body: JSON.stringify({
        token: 'invalid',
        errors: [`application token is invalid (${PUSHOVER_TOKEN})`, `user ${PUSHOVER_USER} unknown`],
        status: 0,
      }),
      words: 'application token is invalid ([redacted]); user [redacted] unknown',
    },
  },
  gotify: {
    service: 'Gotify',
    channel: (base) => ({ type: 'gotify', config: { baseUrl: `${base}/gotify/`, token: GOTIFY_TOKEN } }),
    secrets: [GOTIFY_TOKEN],
    unauthorized: {
      body: JSON.stringify({
        error: 'Unauthorized',
        errorCode: 401,
        errorDescription: `you need to provide a valid access token (not ${GOTIFY_TOKEN})`,
      }),
      words: 'Unauthorized: you need to provide a valid access token (not [redacted])',
    },
  },
  ntfy: {
    service: 'ntfy',
    channel: (base) => ({ type: 'ntfy', config: { baseUrl: base, topic: 'hm-alerts', token: NTFY_TOKEN } }),
    secrets: [NTFY_TOKEN],
    unauthorized: {
      body: JSON.stringify({
        code: 40101,
        http: 401,
        error: `unauthorized: ${NTFY_TOKEN}`,
        link: 'https://ntfy.sh/docs',
      }),
      words: 'unauthorized: [redacted] (the token is not valid)',
    },
  },
};

function expectNoSecret(message: string, secrets: readonly string[]) {
  for (const s of secrets) expect(message).not.toContain(s);
}

// ---- What arrives ----

describe('what each channel sends', () => {
  it('webhook: the alert as JSON with the configured headers', async () => {
    await sendAlert(HTTP_CASES.webhook!.channel(rx.url), ALERT, OPTS);
    const [r] = rx.received;
    expect(r?.method).toBe('POST');
    expect(r?.path).toBe(`/hooks/${HOOK_PATH_SECRET}?key=${HOOK_QUERY_SECRET}`);
    expect(r?.headers['content-type']).toBe('application/json');
    expect(r?.headers.authorization).toBe(`Bearer ${HOOK_HEADER_SECRET}`);
    expect(json(r)).toEqual(ALERT);
  });

  it('webhook: a template filled in with JSON-escaped values', async () => {
    const template =
      '{"text": "{{alert.title}} ({{alert.severity}}, {{ alert.status }})", "host": "{{alert.hostId}}", ' +
      '"container": "{{alert.container.name}}", "code": "{{alert.detail.exitCode}}", "at": "{{alert.at}}", ' +
      '"stack": "{{alert.stack}}", "kind": "{{alert.kind}}", "link": "{{alert.url}}", "alert": {{alert.json}}}';
    const quoted = { ...ALERT, title: 'say "hi"\\ \n now', stack: null };
    await sendAlert({ type: 'webhook', config: { url: `${rx.url}/t`, template } }, quoted, OPTS);
    expect(json(rx.received[0])).toEqual({
      text: 'say "hi"\\ \n now (critical, firing)',
      host: 'local',
      container: 'web*1',
      code: '137',
      at: '2026-12-01T08:15:18Z',
      stack: '',
      kind: 'container.died',
      link: 'http://panel.test/containers/local/c0ffee',
      alert: quoted,
    });
  });

  it('webhook: a template with an unknown placeholder is refused before anything is sent', async () => {
    const err = await failure(
      sendAlert(
        { type: 'webhook', config: { url: rx.url, template: '{"t": "{{alert.nope}}"}' } },
        ALERT,
        OPTS,
      ),
    );
    expect(err.message).toMatch(/^Webhook: unknown placeholder \{\{alert\.nope\}\}/);
    expect(err.retryable).toBe(false);
    expect(rx.received).toHaveLength(0);
  });

  it('telegram: sendMessage with the token in the path and escaped HTML', async () => {
    rx.replyWith({ status: 200, body: JSON.stringify({ ok: true, result: { message_id: 1 } }) });
    await sendAlert(HTTP_CASES.telegram!.channel(`${rx.url}/`), ALERT, OPTS);
    const [r] = rx.received;
    expect(r?.path).toBe(`/bot${TG_TOKEN}/sendMessage`);
    expect(r?.headers['content-type']).toBe('application/json');
    const body = json(r);
    expect(body).toMatchObject({ chat_id: '-1001234', parse_mode: 'HTML', disable_web_page_preview: true });
    const text = body.text as string;
    expect(
      text.startsWith(
        '<b>🔴 web &lt;b&gt;crashed&lt;/b&gt; on local</b>\n\nweb on local: exited with code 137.',
      ),
    ).toBe(true);
    expect(text).toContain('<b>Container:</b> web*1');
    expect(text).toContain('<pre>listening on :8080\nFATAL &lt;b&gt;out of&lt;/b&gt; *memory*</pre>');
    expect(text).toContain('<a href="http://panel.test/containers/local/c0ffee">Open in Harbourmaster</a>');
  });

  it('discord: one embed, coloured and escaped, no mentions', async () => {
    rx.replyWith({ status: 200, body: JSON.stringify({ id: '1' }) });
    await sendAlert(HTTP_CASES.discord!.channel(rx.url), ALERT, OPTS);
    const [r] = rx.received;
    expect(r?.path).toBe(`/api/webhooks/123456789012345678/${DISCORD_TOKEN}?wait=true`);
    const body = json(r);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embeds = body.embeds as Record<string, unknown>[];
    expect(embeds).toHaveLength(1);
    expect(embeds[0]).toMatchObject({
      title: '🔴 web \\<b\\>crashed\\</b\\> on local',
      color: 0xe74c3c,
      timestamp: '2026-12-01T08:15:18.000Z',
      url: 'http://panel.test/containers/local/c0ffee',
      fields: [
        { name: 'Host', value: 'local', inline: true },
        { name: 'Container', value: 'web\\*1', inline: true },
        { name: 'Stack', value: 'shop', inline: true },
        { name: 'Reason', value: 'exited with code 137', inline: false },
        { name: 'Exit code', value: '137', inline: true },
      ],
    });
    const description = embeds[0]?.description as string;
    expect(description).toContain('web on local\\: exited with code 137\\.');
    expect(description).toContain('```\nlistening on :8080\nFATAL <b>out of</b> *memory*\n```');
  });

  it('discord: green once resolved', async () => {
    await sendAlert(HTTP_CASES.discord!.channel(rx.url), { ...ALERT, status: 'resolved' }, OPTS);
    expect((json(rx.received[0]).embeds as { color: number }[])[0]?.color).toBe(0x2ecc71);
  });

  it('slack: plain fallback text and blocks that keep outside text plain', async () => {
    rx.replyWith({ status: 200, body: 'ok' });
    await sendAlert(HTTP_CASES.slack!.channel(rx.url), ALERT, OPTS);
    const [r] = rx.received;
    expect(r?.path).toBe(`/services/T0001/B0001/${SLACK_TOKEN}`);
    const body = json(r);
    expect(body.mrkdwn).toBe(false);
    expect((body.text as string).startsWith('🔴 web &lt;b&gt;crashed&lt;/b&gt; on local\n\n')).toBe(true);
    expect(body.text).toContain('FATAL &lt;b&gt;out of&lt;/b&gt; *memory*');
    expect(body.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '🔴 web <b>crashed</b> on local' } },
      { type: 'section', text: { type: 'plain_text', text: 'web on local: exited with code 137.' } },
      {
        type: 'section',
        fields: [
          'Host: local',
          'Container: web*1',
          'Stack: shop',
          'Reason: exited with code 137',
          'Exit code: 137',
          'Severity: critical',
          'Time: 2026-12-01T08:15:18Z',
        ].map((text) => ({ type: 'plain_text', text })),
      },
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [{ type: 'text', text: 'Last log lines:', style: { bold: true } }],
          },
          {
            type: 'rich_text_preformatted',
            elements: [{ type: 'text', text: 'listening on :8080\nFATAL <b>out of</b> *memory*' }],
          },
        ],
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '<http://panel.test/containers/local/c0ffee|Open in Harbourmaster>' },
      },
    ]);
  });

  it('pushover: the form fields, priority 1 for a critical alert while it fires', async () => {
    rx.replyWith({ status: 200, body: JSON.stringify({ status: 1, request: 'r' }) });
    await sendAlert(HTTP_CASES.pushover!.channel(rx.url), ALERT, OPTS);
    const [r] = rx.received;
    expect(r?.path).toBe('/1/messages.json');
    expect(r?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(r?.body));
    expect(form).toMatchObject({
      token: PUSHOVER_TOKEN,
      user: PUSHOVER_USER,
      title: '🔴 web <b>crashed</b> on local',
      priority: '1',
      timestamp: String(ALERT.at / 1000),
      url: 'http://panel.test/containers/local/c0ffee',
      url_title: 'Open in Harbourmaster',
    });
    expect(form).not.toHaveProperty('html');
    expect(form.message).toContain('Container: web*1');
    expect(form.message).toContain('FATAL <b>out of</b> *memory*');

    rx.received.length = 0;
    await sendAlert(HTTP_CASES.pushover!.channel(rx.url), { ...ALERT, status: 'resolved' }, OPTS);
    expect(new URLSearchParams(rx.received[0]?.body).get('priority')).toBe('0');
  });

  it('pushover: the message kept within 1024 characters', async () => {
    const long = { ...ALERT, message: 'x'.repeat(5000) };
    await sendAlert(HTTP_CASES.pushover!.channel(rx.url), long, OPTS);
    const message = new URLSearchParams(rx.received[0]?.body).get('message') ?? '';
    expect(message.length).toBeLessThanOrEqual(1024);
    expect(message).toContain('Exit code: 137');
  });

  it('gotify: the key in a header, Markdown, priority by severity', async () => {
    await sendAlert(HTTP_CASES.gotify!.channel(rx.url), ALERT, OPTS);
    const [r] = rx.received;
    expect(r?.path).toBe('/gotify/message');
    expect(r?.headers['x-gotify-key']).toBe(GOTIFY_TOKEN);
    const body = json(r);
    expect(body).toMatchObject({
      title: '🔴 web <b>crashed</b> on local',
      priority: 8,
      extras: {
        'client::display': { contentType: 'text/markdown' },
        'client::notification': { click: { url: 'http://panel.test/containers/local/c0ffee' } },
      },
    });
    expect(body.message).toContain('- **Container:** web\\*1');

    const priorities: number[] = [];
    for (const [severity, status] of [
      ['warning', 'firing'],
      ['info', 'firing'],
      ['critical', 'resolved'],
    ] as const) {
      rx.received.length = 0;
      await sendAlert(HTTP_CASES.gotify!.channel(rx.url), { ...ALERT, severity, status }, OPTS);
      priorities.push(json(rx.received[0]).priority as number);
    }
    expect(priorities).toEqual([5, 2, 2]);
  });

  it('ntfy: JSON publishing to the root with the topic, priority, tag and click', async () => {
    await sendAlert(HTTP_CASES.ntfy!.channel(rx.url), ALERT, OPTS);
    const [r] = rx.received;
    expect(r?.path).toBe('/');
    expect(r?.headers.authorization).toBe(`Bearer ${NTFY_TOKEN}`);
    const body = json(r);
    expect(body).toMatchObject({
      topic: 'hm-alerts',
      title: 'web <b>crashed</b> on local',
      priority: 5,
      tags: ['rotating_light'],
      click: 'http://panel.test/containers/local/c0ffee',
    });
    expect(body.message).toContain('Container: web*1\n');
    expect(body.message).toContain('Last log lines:\nlistening on :8080\nFATAL <b>out of</b> *memory*');

    rx.received.length = 0;
    const noToken: ChannelConfig = { type: 'ntfy', config: { baseUrl: rx.url, topic: 't' } };
    await sendAlert(noToken, { ...ALERT, status: 'resolved', url: null }, OPTS);
    expect(rx.received[0]?.headers.authorization).toBeUndefined();
    expect(json(rx.received[0])).toMatchObject({ priority: 3, tags: ['white_check_mark'] });
    expect(json(rx.received[0])).not.toHaveProperty('click');
  });

  it('ntfy: a 403 without a token says the topic needs one', async () => {
    rx.replyWith({
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: 40301,
        http: 403,
        error: 'forbidden',
        link: 'https://ntfy.sh/docs/publish/',
      }),
    });
    const err = await failure(
      sendAlert({ type: 'ntfy', config: { baseUrl: rx.url, topic: 't' } }, ALERT, OPTS),
    );
    expect(err.message).toBe('ntfy answered 403: forbidden (the topic needs a token)');
    expect(err.retryable).toBe(false);
  });
});

// ---- How each HTTP channel fails ----

describe.each(Object.entries(HTTP_CASES))('%s failures', (_type, c) => {
  it('401 with the service error: not retryable, its own words, no secret', async () => {
    rx.replyWith({ status: 401, headers: { 'content-type': 'application/json' }, body: c.unauthorized.body });
    const err = await failure(sendAlert(c.channel(rx.url), ALERT, OPTS));
    expect(err.message).toBe(`${c.service} answered 401: ${c.unauthorized.words}`);
    expect([err.retryable, err.status]).toEqual([false, 401]);
    expectNoSecret(err.message, c.secrets);
    expect(rx.received).toHaveLength(1);
  });

  it('500: retryable', async () => {
    rx.replyWith({ status: 500, body: 'database is locked' });
    const err = await failure(sendAlert(c.channel(rx.url), ALERT, OPTS));
    expect(err.message).toBe(`${c.service} answered 500: database is locked`);
    expect([err.retryable, err.status]).toEqual([true, 500]);
  });

  it('429 with Retry-After: retryable after that long', async () => {
    rx.replyWith({ status: 429, headers: { 'retry-after': '7' }, body: '' });
    const err = await failure(sendAlert(c.channel(rx.url), ALERT, OPTS));
    expect(err.message).toBe(`${c.service} answered 429: Too Many Requests`);
    expect([err.retryable, err.status, err.retryAfterMs]).toEqual([true, 429, 7000]);
  });

  it('no answer: a retryable timeout within the deadline', async () => {
    rx.replyWith('hang');
    const started = performance.now();
    const err = await failure(sendAlert(c.channel(rx.url), ALERT, { timeoutMs: 300 }));
    const took = performance.now() - started;
    expect(err.message).toBe(`no answer from 127.0.0.1:${rx.port} within 300 ms`);
    expect(err.retryable).toBe(true);
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2000);
  });

  it('a closed port: retryable, cannot reach', async () => {
    const port = await closedPort();
    const err = await failure(sendAlert(c.channel(`http://127.0.0.1:${port}`), ALERT, OPTS));
    expect(err.message).toBe(`cannot reach 127.0.0.1:${port}: connection refused`);
    expect(err.retryable).toBe(true);
  });

  it('a redirect: an error, and not followed', async () => {
    rx.replyWith({ status: 302, headers: { location: `${other.url}/elsewhere` } });
    const err = await failure(sendAlert(c.channel(rx.url), ALERT, OPTS));
    expect(err.message).toMatch(new RegExp(`^${c.service} answered with a redirect, which is not followed`));
    expect(err.retryable).toBe(false);
    expect(other.received).toHaveLength(0);
  });
});

describe('answers and callers', () => {
  it('reads a rate limit from the body when there is no header (Discord, Telegram)', async () => {
    rx.replyWith({
      status: 429,
      body: JSON.stringify({ message: 'You are being rate limited.', retry_after: 2.5 }),
    });
    const discord = await failure(sendAlert(HTTP_CASES.discord!.channel(rx.url), ALERT, OPTS));
    expect(discord.message).toBe('Discord answered 429: You are being rate limited.');
    expect(discord.retryAfterMs).toBe(2500);
    rx.replyWith({
      status: 429,
      body: JSON.stringify({
        ok: false,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      }),
    });
    const telegram = await failure(sendAlert(HTTP_CASES.telegram!.channel(rx.url), ALERT, OPTS));
    expect(telegram.retryAfterMs).toBe(3000);
  });

  it('keeps a huge error page to a short excerpt', async () => {
    rx.replyWith({
      status: 502,
      body: `<html><body><h1>Bad Gateway</h1>${'<p>filler</p>'.repeat(100_000)}</body></html>`,
    });
    const err = await failure(sendAlert(HTTP_CASES.gotify!.channel(rx.url), ALERT, OPTS));
    expect(err.message.startsWith('Gotify answered 502: Bad Gateway filler filler')).toBe(true);
    expect(err.message.length).toBeLessThan(350);
  });

  it('stops when the caller cancels, as a retryable cancellation', async () => {
    rx.replyWith('hang');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await failure(
      sendAlert(HTTP_CASES.ntfy!.channel(rx.url), ALERT, { timeoutMs: 5000, signal: ac.signal }),
    );
    expect(err.message).toBe('sending was cancelled');
    expect(err.retryable).toBe(true);
  });
});

// ---- E-mail through a real SMTP server on loopback ----

interface Mail {
  from: string;
  to: string[];
  user: unknown;
  raw: string;
}

const SMTP_USER = 'hm';
const SMTP_PASS = 'Sm7p-pa55word!';

describe('email', () => {
  let smtp: SMTPServer;
  let smtpPort = 0;
  const mails: Mail[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      secure: false,
      hideSTARTTLS: true,
      authOptional: false,
      authMethods: ['PLAIN', 'LOGIN'],
      // Plain-text login is fine here: the test never leaves loopback.
      allowInsecureAuth: true,
      disableReverseLookup: true,
      logger: false,
      onAuth(auth: SMTPServerAuthentication, _session, callback) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASS)
          return callback(null, { user: auth.username });
        callback(new Error('Authentication credentials invalid'));
      },
      onRcptTo(address, _session, callback) {
        if (!address.address.startsWith('busy@')) return callback();
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((a) => a.address),
            user: session.user,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });
  afterEach(() => {
    mails.length = 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const channel = (
    over: Partial<Extract<ChannelConfig, { type: 'email' }>['config']> = {},
  ): ChannelConfig => ({
    type: 'email',
    config: {
      host: '127.0.0.1',
      port: smtpPort,
      security: 'starttls',
      username: SMTP_USER,
      password: SMTP_PASS,
      from: 'harbourmaster@example.test',
      to: ['ops@example.test', 'oncall@example.test'],
      ...over,
    },
  });

  it('logs in and sends subject, text and HTML parts', async () => {
    await sendAlert(channel(), ALERT, OPTS);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.user).toBe(SMTP_USER);
    expect(mail.from).toBe('harbourmaster@example.test');
    expect(mail.to).toEqual(['ops@example.test', 'oncall@example.test']);
    const parsed = parseMail(mail.raw);
    expect(parsed.headers.from).toBe('harbourmaster@example.test');
    expect(parsed.headers.to).toBe('ops@example.test, oncall@example.test');
    expect(parsed.headers.subject).toBe('🔴 web <b>crashed</b> on local');
    const text = parsed.parts['text/plain'] ?? '';
    expect(text).toContain('Container: web*1');
    expect(text).toContain('Last log lines:\nlistening on :8080\nFATAL <b>out of</b> *memory*');
    expect(text).toContain('Open in Harbourmaster: http://panel.test/containers/local/c0ffee');
    const html = parsed.parts['text/html'] ?? '';
    expect(html).toContain('<h2>🔴 web &lt;b&gt;crashed&lt;/b&gt; on local</h2>');
    expect(html).toContain('<pre>listening on :8080\nFATAL &lt;b&gt;out of&lt;/b&gt; *memory*</pre>');
  });

  it('sends without STARTTLS or login to a relay on this machine (security none)', async () => {
    const err = await failure(
      sendAlert(channel({ security: 'none', username: undefined, password: undefined }), ALERT, OPTS),
    );
    // This receiver wants a login, and says so in its words.
    expect(err.message).toMatch(/^the SMTP server answered 530: /);
    expect(err.retryable).toBe(false);
    await sendAlert(channel({ security: 'none' }), ALERT, OPTS);
    expect(mails).toHaveLength(1);
  });

  it('a wrong password: 535, not retryable, no password in the message', async () => {
    const err = await failure(sendAlert(channel({ password: 'wrong-Sm7p-pass' }), ALERT, OPTS));
    expect(err.message).toMatch(/^the SMTP server answered 535: .*Authentication credentials invalid/);
    expect([err.retryable, err.status]).toEqual([false, 535]);
    expect(err.message).not.toContain('wrong-Sm7p-pass');
    expect(mails).toHaveLength(0);
  });

  it('a temporary rejection (451): retryable', async () => {
    const err = await failure(sendAlert(channel({ to: ['busy@example.test'] }), ALERT, OPTS));
    expect(err.message).toMatch(/^the SMTP server answered 451: .*Mailbox busy, try again later/);
    expect([err.retryable, err.status]).toEqual([true, 451]);
  });

  it('a closed port: retryable, cannot reach', async () => {
    const port = await closedPort();
    const err = await failure(sendAlert(channel({ port }), ALERT, OPTS));
    expect(err.message).toBe(`cannot reach 127.0.0.1:${port}: connection refused`);
    expect(err.retryable).toBe(true);
  });

  it('a server that never greets: a retryable timeout within the deadline', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = performance.now();
      const err = await failure(sendAlert(channel({ port }), ALERT, { timeoutMs: 300 }));
      const took = performance.now() - started;
      expect(err.message).toMatch(new RegExp(`^no answer from 127\\.0\\.0\\.1:${port}`));
      expect(err.retryable).toBe(true);
      expect(took).toBeLessThan(2000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses to send a password unencrypted to another machine, before connecting', async () => {
    const err = await failure(sendAlert(channel({ host: '192.0.2.10', security: 'none' }), ALERT, OPTS));
    expect(err.message).toBe(
      'refusing to send the SMTP password unencrypted to 192.0.2.10: choose TLS or STARTTLS',
    );
    expect(err.retryable).toBe(false);
  });
});

// ---- A small MIME reader for what the SMTP receiver got ----

interface ParsedMail {
  headers: Record<string, string>;
  parts: Record<string, string>;
}

function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitHeaders(raw);
  const parts: Record<string, string> = {};
  const walk = (h: Record<string, string>, b: string) => {
    const type = h['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const chunk of b.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith('--')) break;
        const part = splitHeaders(chunk.replace(/^\r?\n/, ''));
        walk(part.headers, part.body);
      }
      return;
    }
    parts[type.split(';')[0]!.trim().toLowerCase()] = decodeBody(b, h['content-transfer-encoding'] ?? '7bit');
  };
  walk(headers, body);
  return { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, decodeWords(v)])), parts };
}

function splitHeaders(text: string): { headers: Record<string, string>; body: string } {
  const at = text.search(/\r?\n\r?\n/);
  const head = text.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: text.slice(at).replace(/^\r?\n\r?\n/, '') };
}

function decodeBody(body: string, encoding: string): string {
  const enc = encoding.toLowerCase();
  let out: string;
  if (enc === 'base64') out = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (enc === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    out = Buffer.from(bytes, 'latin1').toString('utf8');
  } else out = body;
  return out.replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) back to text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
