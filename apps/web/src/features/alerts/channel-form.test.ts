import { describe, expect, it } from 'vitest';
import { SECRET_MASK, type Channel } from '@harbourmaster/contracts';
import {
  channelBodyOf,
  channelFormOf,
  channelFormProblems,
  keepsSecret,
  newChannelForm,
  renameHeader,
  withType,
} from './channel-form.js';
import { defaultOf, isRequired, isSecretKey } from './channel-fields.js';

const stored: Channel = {
  id: 'c1',
  name: 'ops hook',
  type: 'webhook',
  config: { url: SECRET_MASK, headers: { Authorization: SECRET_MASK }, template: '{"t": "{{alert.title}}"}' },
  enabled: true,
  health: 'ok',
  lastError: null,
  failingSince: null,
  lastSentAt: null,
  createdAt: 1,
};

describe('the channel types as the contract has them', () => {
  it('knows which keys are secret and what is filled in by default', () => {
    expect(isSecretKey('webhook', 'url')).toBe(true);
    expect(isSecretKey('webhook', 'template')).toBe(false);
    expect(isSecretKey('email', 'password')).toBe(true);
    expect(defaultOf('telegram', 'baseUrl')).toBe('https://api.telegram.org');
    expect(defaultOf('email', 'port')).toBe('587');
    expect(defaultOf('email', 'security')).toBe('starttls');
    expect(defaultOf('telegram', 'chatId')).toBe('');
    expect(isRequired('telegram', 'chatId')).toBe(true);
    expect(isRequired('ntfy', 'token')).toBe(false);
    expect(isRequired('ntfy', 'baseUrl')).toBe(false);
  });
});

describe('the channel form', () => {
  it('starts a new channel with the type’s defaults', () => {
    expect(newChannelForm('ntfy').values).toEqual({ baseUrl: 'https://ntfy.sh', topic: '', token: '' });
    expect(newChannelForm('email').values).toMatchObject({ port: '587', security: 'starttls', to: '' });
  });

  it('sends a new webhook with its headers, and an empty required field empty so the server names it', () => {
    const form = newChannelForm('webhook');
    form.name = ' hook ';
    form.values.url = ' https://hooks.example/x ';
    form.headers = [
      { name: 'X-Token', value: 'abc', saved: false },
      { name: ' ', value: 'ignored', saved: false },
    ];
    expect(channelBodyOf(form)).toEqual({
      name: 'hook',
      type: 'webhook',
      enabled: true,
      config: { url: 'https://hooks.example/x', headers: { 'X-Token': 'abc' } },
    });
    expect(channelBodyOf(newChannelForm('telegram')).config).toEqual({
      botToken: '',
      chatId: '',
      baseUrl: 'https://api.telegram.org',
    });
    // A default cleared is left out, so the server fills it in again.
    const cleared = newChannelForm('telegram');
    cleared.values.baseUrl = '';
    expect(channelBodyOf(cleared).config).toEqual({ botToken: '', chatId: '' });
    expect(channelBodyOf(newChannelForm('email')).config).toEqual({
      host: '',
      port: 587,
      security: 'starttls',
      from: '',
      to: [],
    });
  });

  it('reads a stored channel with its secrets empty and kept: left out, or the mask for a header', () => {
    const form = channelFormOf(stored);
    expect(form.values).toEqual({ template: '{"t": "{{alert.title}}"}' });
    expect(form.headers).toEqual([{ name: 'Authorization', value: '', saved: true }]);
    expect(keepsSecret(form, 'url')).toBe(true);
    expect(channelBodyOf(form).config).toEqual({
      headers: { Authorization: SECRET_MASK },
      template: '{"t": "{{alert.title}}"}',
    });
  });

  it('sends a secret that was typed, clears headers that were removed, and forgets a renamed header’s value', () => {
    const form = { ...channelFormOf(stored), values: { url: 'https://new.example/', template: '' } };
    expect(channelBodyOf({ ...form, headers: [] }).config).toEqual({
      url: 'https://new.example/',
      headers: {},
    });
    const renamed = renameHeader(form.headers, 0, 'X-Auth');
    expect(channelBodyOf({ ...form, headers: renamed }).config).toMatchObject({ headers: { 'X-Auth': '' } });
  });

  it('keeps no secrets once the type changes, and brings the stored ones back when it changes back', () => {
    const other = withType(channelFormOf(stored), 'telegram', stored);
    expect(keepsSecret(other, 'url')).toBe(false);
    expect(channelBodyOf(other).config).toMatchObject({ botToken: '' });
    const back = withType({ ...other, name: 'renamed' }, 'webhook', stored);
    expect(back.name).toBe('renamed');
    expect(keepsSecret(back, 'url')).toBe(true);
  });

  it('turns a recipient list into an array and a port into a number, or says what to type', () => {
    const form = newChannelForm('email');
    form.values = { ...form.values, to: 'a@example.com, b@example.com;c@example.com', port: '465' };
    expect(channelBodyOf(form).config).toMatchObject({
      port: 465,
      to: ['a@example.com', 'b@example.com', 'c@example.com'],
    });
    expect(channelFormProblems(form)).toEqual({});
    expect(channelFormProblems({ ...form, values: { ...form.values, port: '5x' } })).toEqual({
      'config.port': 'Enter a whole number.',
    });
  });
});
