import {
  CHANNEL_SECRET_KEYS,
  channelConfigSchemas,
  type ChannelConfig,
  type ChannelType,
} from '@harbourmaster/contracts';

/** How a config field is edited: a line of text, a whole number, a choice, a block of text, header rows, or a list. */
export type ConfigFieldKind = 'text' | 'number' | 'select' | 'textarea' | 'headers' | 'list';

/** One field of a channel type's form, in the order it is shown. */
export interface ConfigField {
  key: string;
  label: string;
  kind: ConfigFieldKind;
  hint?: string;
  placeholder?: string;
  /** For a select: value and label of each choice. */
  options?: ReadonlyArray<readonly [string, string]>;
}

type EmailSecurity = Extract<ChannelConfig, { type: 'email' }>['config']['security'];
const SECURITY_CHOICES: Record<EmailSecurity, string> = {
  starttls: 'STARTTLS when offered (usually port 587)',
  tls: 'TLS from the start (usually port 465)',
  none: 'None (a relay on this machine only)',
};

const url = (key: string, label: string, placeholder: string, hint?: string): ConfigField => ({
  key,
  label,
  kind: 'text',
  placeholder,
  ...(hint && { hint }),
});

/** Each channel type's fields, as `channelConfigSchemas` has them. */
export const CHANNEL_FIELDS: Record<ChannelType, readonly ConfigField[]> = {
  webhook: [
    url('url', 'URL', 'https://example.com/hooks/…', 'Alerts are POSTed here as JSON.'),
    { key: 'headers', label: 'Headers', kind: 'headers' },
    {
      key: 'template',
      label: 'Body template',
      kind: 'textarea',
      placeholder: '{"text": "{{alert.title}}: {{alert.message}}"}',
      hint: 'JSON with {{alert.title}}-style placeholders. Empty: the alert itself as JSON.',
    },
  ],
  telegram: [
    { key: 'botToken', label: 'Bot token', kind: 'text', hint: 'From @BotFather.' },
    { key: 'chatId', label: 'Chat id', kind: 'text', placeholder: '-1001234567890' },
    url('baseUrl', 'Base URL', 'https://api.telegram.org'),
  ],
  discord: [url('webhookUrl', 'Webhook URL', 'https://discord.com/api/webhooks/…')],
  slack: [url('webhookUrl', 'Webhook URL', 'https://hooks.slack.com/services/…')],
  pushover: [
    { key: 'token', label: 'Application token', kind: 'text' },
    { key: 'user', label: 'User key', kind: 'text' },
    url('baseUrl', 'Base URL', 'https://api.pushover.net'),
  ],
  gotify: [
    url('baseUrl', 'Base URL', 'https://gotify.example.com'),
    { key: 'token', label: 'Application token', kind: 'text' },
  ],
  ntfy: [
    url('baseUrl', 'Base URL', 'https://ntfy.sh'),
    { key: 'topic', label: 'Topic', kind: 'text', hint: 'Letters, digits, - and _.' },
    { key: 'token', label: 'Access token', kind: 'text', hint: 'Only for a protected topic.' },
  ],
  email: [
    { key: 'host', label: 'SMTP host', kind: 'text', placeholder: 'smtp.example.com' },
    { key: 'port', label: 'Port', kind: 'number' },
    { key: 'security', label: 'Security', kind: 'select', options: Object.entries(SECURITY_CHOICES) },
    { key: 'username', label: 'Username', kind: 'text', hint: 'Empty when the server needs no sign-in.' },
    { key: 'password', label: 'Password', kind: 'text' },
    { key: 'from', label: 'From', kind: 'text', placeholder: 'harbourmaster@example.com' },
    {
      key: 'to',
      label: 'To',
      kind: 'list',
      placeholder: 'ops@example.com, me@example.com',
      hint: 'One or more addresses, separated by commas.',
    },
  ],
};

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  webhook: 'Webhook',
  telegram: 'Telegram',
  discord: 'Discord',
  slack: 'Slack',
  pushover: 'Pushover',
  gotify: 'Gotify',
  ntfy: 'ntfy',
  email: 'Email (SMTP)',
};

/** The types in the order the form offers them. */
export const CHANNEL_TYPES = Object.keys(CHANNEL_TYPE_LABELS) as ChannelType[];

/** Whether a config key holds a secret: write-only, shown masked, a password input. */
export const isSecretKey = (type: ChannelType, key: string) => CHANNEL_SECRET_KEYS[type].includes(key);

type Parses = { safeParse(value: unknown): { success: boolean; data?: unknown } };
const fieldSchema = (type: ChannelType, key: string) =>
  (channelConfigSchemas[type].shape as unknown as Record<string, Parses | undefined>)[key];

/** What the contract fills in when the field is left out ('' when nothing). */
export function defaultOf(type: ChannelType, key: string): string {
  const parsed = fieldSchema(type, key)?.safeParse(undefined);
  const value = parsed?.success ? parsed.data : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Whether the contract needs a value (no default, not optional). */
export const isRequired = (type: ChannelType, key: string) =>
  fieldSchema(type, key)?.safeParse(undefined).success === false;
