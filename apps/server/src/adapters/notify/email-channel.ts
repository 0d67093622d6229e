import type { Alert } from '@harbourmaster/contracts';
import { alertFacts, emailHtml, plainBody } from './alert-text.js';
import { ChannelError, cancelledChannelError, timeoutChannelError } from './channel-error.js';
import type { SendOptions } from './notify-http.js';
import { redactSecrets } from './redact-secrets.js';
import { smtpChannelError } from './smtp-error.js';
import { smtpTransportOptions, type EmailConfig } from './smtp-options.js';

/**
 * Sends an alert by e-mail: subject = the title, a plain-text part and a simple HTML part.
 * nodemailer is loaded on the first e-mail only, and each send opens and closes its connection.
 * The whole send (connect, greeting, login, message) has `timeoutMs`.
 *
 * @example await sendEmail({ host: 'smtp.example', port: 587, security: 'starttls', from, to: [to] }, alert, { timeoutMs: 10_000 });
 */
export async function sendEmail(config: EmailConfig, alert: Alert, opts: SendOptions): Promise<void> {
  const transportOptions = smtpTransportOptions(config, opts.timeoutMs);
  const target = `${config.host}:${config.port}`;
  const secrets = config.password ? [config.password] : [];
  const { createTransport } = await import('nodemailer');
  const transporter = createTransport(transportOptions);
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
  const facts = alertFacts(alert);
  try {
    await transporter.sendMail({
      from: config.from,
      to: config.to,
      subject: facts.title,
      text: `${facts.title}\n\n${plainBody(facts)}\n`,
      html: emailHtml(facts),
      signal,
    });
  } catch (err) {
    let e: ChannelError;
    if (deadline.aborted) e = timeoutChannelError(target, opts.timeoutMs, err);
    else if (opts.signal?.aborted) e = cancelledChannelError(err);
    else e = smtpChannelError(err, target);
    const message = redactSecrets(e.message, secrets);
    throw message === e.message ? e : new ChannelError(message, { retryable: e.retryable, status: e.status });
  } finally {
    transporter.close();
  }
}
