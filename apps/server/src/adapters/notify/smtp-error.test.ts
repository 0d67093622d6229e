import { describe, expect, it } from 'vitest';
import { smtpChannelError } from './smtp-error.js';

/** An error as nodemailer makes it. */
function failure(fields: Record<string, unknown>, message = 'failed'): Error {
  return Object.assign(new Error(message), fields);
}

describe('smtpChannelError', () => {
  it('says a permanent refusal in the server words and does not retry it', () => {
    const e = smtpChannelError(
      failure({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Error: authentication failed' }),
      'smtp.example.test:587',
    );
    expect(e.message).toBe('the SMTP server answered 535: 5.7.8 Error: authentication failed');
    expect([e.retryable, e.status]).toEqual([false, 535]);
  });

  it('retries a temporary refusal, and 503 (a wrong state a new connection clears)', () => {
    const temp = smtpChannelError(
      failure({ code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 Try again later' }),
      'h:25',
    );
    expect(temp.message).toBe('the SMTP server answered 451: 4.3.0 Try again later');
    expect(temp.retryable).toBe(true);
    expect(
      smtpChannelError(failure({ responseCode: 503, response: '503 bad sequence' }), 'h:25').retryable,
    ).toBe(true);
    expect(smtpChannelError(failure({ responseCode: 550, response: '550-a\n550 b' }), 'h:25').retryable).toBe(
      false,
    );
  });

  it('retries a connection that failed, naming where', () => {
    // nodemailer keeps Node's message but puts its own code on the error.
    const refused = failure({ code: 'ESOCKET', errno: -111 }, 'connect ECONNREFUSED 127.0.0.1:25');
    const e = smtpChannelError(refused, '127.0.0.1:25');
    expect(e.retryable).toBe(true);
    expect(e.message).toBe('cannot reach 127.0.0.1:25: connection refused');
    const slow = smtpChannelError(failure({ code: 'ETIMEDOUT' }, 'Greeting never received'), 'h:25');
    expect(slow.message).toBe('no answer from h:25: Greeting never received');
    expect(slow.retryable).toBe(true);
  });

  it('does not retry a TLS failure or a setting nodemailer refused', () => {
    expect(smtpChannelError(failure({ code: 'ETLS' }, 'No STARTTLS'), 'h:25').retryable).toBe(false);
    expect(smtpChannelError(failure({ code: 'EENVELOPE' }, 'No recipients defined'), 'h:25')).toMatchObject({
      retryable: false,
      message: 'sending the e-mail failed: No recipients defined',
    });
  });
});
