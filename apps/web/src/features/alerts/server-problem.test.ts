import { describe, expect, it } from 'vitest';
import { ApiError } from '@harbourmaster/client';
import { formFieldOf, problemOfSave } from './server-problem.js';

describe('a refused save, under the field it names', () => {
  it('reads the form field from the path the server gives', () => {
    expect(formFieldOf('body.name')).toBe('name');
    expect(formFieldOf('config.url')).toBe('config.url');
    expect(formFieldOf('config.headers.X-Token')).toBe('config.headers');
    expect(formFieldOf('config.to.1')).toBe('config.to');
    expect(formFieldOf('body.match.hosts.0')).toBe('match.hosts');
    expect(formFieldOf('channelIds.0')).toBe('channelIds');
  });

  it('drops the path the message starts with, and makes it a sentence', () => {
    expect(
      problemOfSave(
        new ApiError(400, 'validation', 'webhook channel: url: an http:// or https:// URL', 'config.url'),
      ),
    ).toEqual({ field: 'config.url', message: 'Enter an http:// or https:// URL.' });
    expect(problemOfSave(new ApiError(400, 'validation', 'body.name: enter a name', 'body.name'))).toEqual({
      field: 'name',
      message: 'Enter a name.',
    });
    expect(
      problemOfSave(
        new ApiError(400, 'validation', 'email channel: to.0: a recipient address', 'config.to.0'),
      ),
    ).toEqual({ field: 'config.to', message: 'Enter a recipient address.' });
    expect(problemOfSave(new ApiError(400, 'validation', 'there is no channel x', 'channelIds.0'))).toEqual({
      field: 'channelIds',
      message: 'There is no channel x.',
    });
  });

  it('puts anything else on the whole form', () => {
    expect(problemOfSave(new ApiError(403, 'forbidden', 'your role may not do this'))).toEqual({
      field: null,
      message: 'Your role may not do this.',
    });
    expect(problemOfSave(new Error('offline'))).toEqual({ field: null, message: 'Offline.' });
  });
});
