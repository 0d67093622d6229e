import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from '@harbourmaster/contracts';
import { ChannelConfigError, maskChannelConfig, mergeChannelConfig } from './channel-secrets.js';

describe('channel secrets', () => {
  it('masks secret keys, header values included, and leaves the rest', () => {
    expect(maskChannelConfig('telegram', { botToken: '123:abc', chatId: '42' })).toEqual({
      botToken: SECRET_MASK,
      chatId: '42',
    });
    expect(
      maskChannelConfig('webhook', { url: 'http://127.0.0.1/x?k=1', headers: { Authorization: 'Bearer s' } }),
    ).toEqual({ url: SECRET_MASK, headers: { Authorization: SECRET_MASK } });
  });

  it('keeps a stored secret that was left out or sent back masked', () => {
    const stored = { botToken: '123:abc', chatId: '42', baseUrl: 'http://127.0.0.1:1' };
    expect(
      mergeChannelConfig('telegram', { chatId: '43', baseUrl: 'http://127.0.0.1:1' }, stored).config,
    ).toEqual({
      botToken: '123:abc',
      chatId: '43',
      baseUrl: 'http://127.0.0.1:1',
    });
    expect(
      mergeChannelConfig('telegram', { botToken: SECRET_MASK, chatId: '42' }, stored).config,
    ).toMatchObject({ botToken: '123:abc' });
    expect(
      mergeChannelConfig(
        'webhook',
        { url: SECRET_MASK, headers: { Authorization: SECRET_MASK, 'X-New': 'n' } },
        { url: 'http://127.0.0.1/h', headers: { Authorization: 'Bearer s' } },
      ).config,
    ).toEqual({ url: 'http://127.0.0.1/h', headers: { Authorization: 'Bearer s', 'X-New': 'n' } });
  });

  it('refuses a config the type does not accept, naming the field', () => {
    let err: unknown;
    try {
      mergeChannelConfig('webhook', { url: 'ftp://x' }, null);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChannelConfigError);
    expect((err as ChannelConfigError).field).toBe('config.url');
    expect(() => mergeChannelConfig('telegram', { chatId: '1' }, null)).toThrow(/botToken/);
  });
});
