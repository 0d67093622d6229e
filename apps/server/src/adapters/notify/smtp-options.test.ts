import { describe, expect, it } from 'vitest';
import { ChannelError } from './channel-error.js';
import { isLoopbackHost, smtpTransportOptions, type EmailConfig } from './smtp-options.js';

const BASE: EmailConfig = {
  host: 'smtp.example.test',
  port: 587,
  security: 'starttls',
  from: 'hm@example.test',
  to: ['ops@example.test'],
};
const WITH_LOGIN: EmailConfig = { ...BASE, username: 'hm', password: 'pw' };

describe('isLoopbackHost', () => {
  it('knows this machine by name and address', () => {
    for (const h of ['localhost', 'LOCALHOST.', 'mail.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ['smtp.example.test', '10.0.0.1', '128.0.0.1', '::2', 'localhost.example.test']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});

describe('smtpTransportOptions', () => {
  it('uses implicit TLS for tls', () => {
    const o = smtpTransportOptions({ ...WITH_LOGIN, security: 'tls', port: 465 }, 10_000);
    expect(o).toMatchObject({ secure: true, requireTLS: false, ignoreTLS: false, port: 465 });
  });

  it('requires the STARTTLS upgrade before a password goes to another machine', () => {
    expect(smtpTransportOptions(WITH_LOGIN, 10_000)).toMatchObject({
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
      auth: { user: 'hm', pass: 'pw' },
    });
  });

  it('upgrades only when offered without a password, or on this machine', () => {
    expect(smtpTransportOptions(BASE, 10_000)).toMatchObject({ requireTLS: false, ignoreTLS: false });
    expect(smtpTransportOptions(BASE, 10_000)).not.toHaveProperty('auth');
    const local = smtpTransportOptions({ ...WITH_LOGIN, host: '127.0.0.1' }, 10_000);
    expect(local).toMatchObject({ requireTLS: false, tls: { rejectUnauthorized: false } });
  });

  it('checks certificates everywhere but on this machine', () => {
    expect(smtpTransportOptions(WITH_LOGIN, 10_000)).not.toHaveProperty('tls');
  });

  it('refuses to send a password in clear text to another machine', () => {
    const send = () => smtpTransportOptions({ ...WITH_LOGIN, security: 'none' }, 10_000);
    expect(send).toThrow(ChannelError);
    expect(send).toThrow(
      'refusing to send the SMTP password unencrypted to smtp.example.test: choose TLS or STARTTLS',
    );
    expect(
      smtpTransportOptions({ ...WITH_LOGIN, security: 'none', host: 'localhost' }, 10_000),
    ).toMatchObject({
      ignoreTLS: true,
      auth: { user: 'hm', pass: 'pw' },
    });
    expect(smtpTransportOptions({ ...BASE, security: 'none' }, 10_000)).toMatchObject({ ignoreTLS: true });
  });

  it('wants both username and password, or neither', () => {
    expect(() => smtpTransportOptions({ ...BASE, username: 'hm' }, 1000)).toThrow(/password is not/);
    expect(() => smtpTransportOptions({ ...BASE, password: 'pw' }, 1000)).toThrow(/username is not/);
  });

  it('gives every phase the deadline', () => {
    expect(smtpTransportOptions(BASE, 3000)).toMatchObject({
      connectionTimeout: 3000,
      greetingTimeout: 3000,
      socketTimeout: 3000,
    });
  });
});
