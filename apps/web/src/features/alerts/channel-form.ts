import { SECRET_MASK, type Channel, type ChannelBody, type ChannelType } from '@harbourmaster/contracts';
import { CHANNEL_FIELDS, defaultOf, isRequired, isSecretKey } from './channel-fields.js';

/** A webhook header as a row; `saved`: its stored value stays when the value is left empty. */
export interface HeaderRow {
  name: string;
  value: string;
  saved: boolean;
}

/** The channel form: every config field as text (a list comma-separated), headers as rows. */
export interface ChannelForm {
  name: string;
  type: ChannelType;
  enabled: boolean;
  values: Record<string, string>;
  headers: HeaderRow[];
  /** The secret keys the stored channel has (of `savedType`): left empty, they keep their value. */
  savedSecrets: readonly string[];
  savedType: ChannelType | null;
}

const defaultsOf = (type: ChannelType) =>
  Object.fromEntries(CHANNEL_FIELDS[type].map((f) => [f.key, defaultOf(type, f.key)]));

/** An empty form for a new channel of a type, its defaults filled in (base URLs, port 587). */
export function newChannelForm(type: ChannelType = 'webhook'): ChannelForm {
  return {
    name: '',
    type,
    enabled: true,
    values: defaultsOf(type),
    headers: [],
    savedSecrets: [],
    savedType: null,
  };
}

const asText = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(String).join(', ')
    : typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : '';

/** The form for editing a stored channel: secrets (masked in the reply) empty, marked as saved. */
export function channelFormOf(channel: Channel): ChannelForm {
  const { type, config } = channel;
  const values: Record<string, string> = {};
  const savedSecrets: string[] = [];
  for (const f of CHANNEL_FIELDS[type]) {
    const value = config[f.key];
    if (f.kind === 'headers') continue;
    if (isSecretKey(type, f.key) && value === SECRET_MASK) savedSecrets.push(f.key);
    else values[f.key] = asText(value);
  }
  const headers = config.headers && typeof config.headers === 'object' ? Object.keys(config.headers) : [];
  if (headers.length > 0) savedSecrets.push('headers');
  return {
    name: channel.name,
    type,
    enabled: channel.enabled,
    values,
    headers: headers.map((name) => ({ name, value: '', saved: true })),
    savedSecrets,
    savedType: type,
  };
}

/** The form after choosing another type: that type's defaults, or the stored values when back to its own. */
export function withType(form: ChannelForm, type: ChannelType, stored: Channel | null): ChannelForm {
  if (stored && stored.type === type)
    return { ...channelFormOf(stored), name: form.name, enabled: form.enabled };
  return { ...newChannelForm(type), name: form.name, enabled: form.enabled, savedType: form.savedType };
}

/** Whether a secret left empty keeps its stored value (the form shows "saved — leave empty to keep"). */
export const keepsSecret = (form: ChannelForm, key: string) =>
  form.savedType === form.type && form.savedSecrets.includes(key);

/** A renamed header is a new one: its old value belongs to the old name. */
export function renameHeader(rows: readonly HeaderRow[], index: number, name: string): HeaderRow[] {
  return rows.map((r, i) => (i === index ? { ...r, name, saved: false } : r));
}

/** The fields whose text cannot be sent as is, with what to type instead. */
export function channelFormProblems(form: ChannelForm): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of CHANNEL_FIELDS[form.type]) {
    const text = form.values[f.key]?.trim() ?? '';
    if (f.kind === 'number' && text !== '' && !/^\d+$/.test(text))
      problems[`config.${f.key}`] = 'Enter a whole number.';
  }
  return problems;
}

function headersOf(form: ChannelForm): Record<string, string> | undefined {
  const rows = form.headers.filter((r) => r.name.trim() !== '');
  // No rows left: an empty object clears stored headers, where leaving them out would keep them.
  if (rows.length === 0) return keepsSecret(form, 'headers') ? {} : undefined;
  return Object.fromEntries(
    rows.map((r) => [
      r.name.trim(),
      r.value === '' && r.saved && keepsSecret(form, 'headers') ? SECRET_MASK : r.value,
    ]),
  );
}

/**
 * The request body. An empty field is left out when the contract has a default, is optional, or is
 * a stored secret (which then keeps its value); an empty required one is sent empty, so the server
 * names it.
 */
export function channelBodyOf(form: ChannelForm): ChannelBody {
  const { type } = form;
  const config: Record<string, unknown> = {};
  for (const f of CHANNEL_FIELDS[type]) {
    if (f.kind === 'headers') {
      const headers = headersOf(form);
      if (headers) config.headers = headers;
      continue;
    }
    const raw = form.values[f.key] ?? '';
    const text = f.kind === 'textarea' ? raw : raw.trim();
    if (text.trim() === '') {
      if (!keepsSecret(form, f.key) && isRequired(type, f.key)) config[f.key] = f.kind === 'list' ? [] : '';
      continue;
    }
    config[f.key] =
      f.kind === 'number' && /^\d+$/.test(text)
        ? Number(text)
        : f.kind === 'list'
          ? text.split(/[,;\s]+/).filter(Boolean)
          : text;
  }
  return { name: form.name.trim(), type, config, enabled: form.enabled };
}
