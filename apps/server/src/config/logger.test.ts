import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('blanks out passwords, tokens and auth headers wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        password: 'hunter22',
        body: { password: 'p2', token: 't1' },
        req: { headers: { authorization: 'Bearer hm_x', cookie: 'hm_session=abc' } },
      },
      'login',
    );
    const text = lines.join('');
    for (const secret of ['hunter22', 'p2', 't1', 'hm_x', 'abc']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
