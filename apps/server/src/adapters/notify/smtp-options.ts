import { isIP } from 'node:net';
import type { ChannelConfig } from '@harbourmaster/contracts';
import type { SMTPTransportOptions } from 'nodemailer';
import { ChannelError } from './channel-error.js';

export type EmailConfig = Extract<ChannelConfig, { type: 'email' }>['config'];

/** Whether a host name or address is this machine: mail sent there never crosses a network. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/**
 * The nodemailer transport options for an e-mail channel.
 *
 * - `tls`: implicit TLS from the first byte (port 465).
 * - `starttls`: upgrade when the server offers it. With a password and a server elsewhere, the
 *   upgrade is required: the password never travels in clear text over a network.
 * - `none`: never upgrade; only for relays that need no password, or on this machine.
 *
 * On loopback the certificate is not checked (a local relay's is usually self-signed, and the
 * traffic never leaves the machine). Throws a ChannelError for a setting that cannot work.
 */
export function smtpTransportOptions(config: EmailConfig, timeoutMs: number): SMTPTransportOptions {
  const loopback = isLoopbackHost(config.host);
  const username = config.username?.trim() ? config.username : undefined;
  const password = config.password ? config.password : undefined;
  if (username && password === undefined) {
    throw new ChannelError('the SMTP username is set but the password is not', { retryable: false });
  }
  if (!username && password !== undefined) {
    throw new ChannelError('the SMTP password is set but the username is not', { retryable: false });
  }
  const auth = username ? { user: username, pass: password ?? '' } : undefined;
  if (auth && config.security === 'none' && !loopback) {
    throw new ChannelError(
      `refusing to send the SMTP password unencrypted to ${config.host}: choose TLS or STARTTLS`,
      { retryable: false },
    );
  }
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls' && auth !== undefined && !loopback,
    ignoreTLS: config.security === 'none',
    ...(auth ? { auth } : {}),
    ...(loopback ? { tls: { rejectUnauthorized: false } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    logger: false,
    debug: false,
  };
}
