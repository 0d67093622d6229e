import {
  CHANNEL_SECRET_KEYS,
  SECRET_MASK,
  channelConfigSchemas,
  type ChannelConfig,
  type ChannelType,
} from '@harbourmaster/contracts';

/** A channel config the schema refused; the message names the field (routes: 400). */
export class ChannelConfigError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ChannelConfigError';
  }
}

/**
 * The config as a reply shows it: every secret key present is replaced by the mask (a webhook's
 * headers by their names with masked values), everything else as stored.
 */
export function maskChannelConfig(
  type: ChannelType,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of CHANNEL_SECRET_KEYS[type]) {
    const value = out[key];
    if (value === undefined || value === null || value === '') continue;
    out[key] =
      typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).map((k) => [k, SECRET_MASK]))
        : SECRET_MASK;
  }
  return out;
}

/**
 * The config to store from what a client sent: a secret left out, or sent back as the mask, keeps
 * its stored value (the panel never sees secrets, so it cannot send them back). Then the type's
 * schema checks the whole config.
 */
export function mergeChannelConfig(
  type: ChannelType,
  incoming: Record<string, unknown>,
  stored: Record<string, unknown> | null,
): ChannelConfig {
  const merged: Record<string, unknown> = { ...incoming };
  for (const key of CHANNEL_SECRET_KEYS[type]) {
    const value = merged[key];
    const old = stored?.[key];
    if ((value === undefined || value === SECRET_MASK) && old !== undefined) merged[key] = old;
    else if (value && typeof value === 'object' && old && typeof old === 'object')
      merged[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          v === SECRET_MASK ? (old as Record<string, unknown>)[k] : v,
        ]),
      );
  }
  const parsed = channelConfigSchemas[type].safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new ChannelConfigError(
      `${type} channel: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`,
      `config${path ? `.${path}` : ''}`,
    );
  }
  return { type, config: parsed.data } as ChannelConfig;
}
