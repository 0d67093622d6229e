import { describe, expect, it } from 'vitest';
import { normaliseSetupCode, SETUP_CODE_PATTERN, SetupCode, setupCodeNotice } from './setup-code.js';

describe('SetupCode', () => {
  it('issues three groups of four characters without look-alike letters, each time different', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = new SetupCode().issue();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      codes.add(code);
    }
    expect(codes.size).toBe(200);
  });

  it('accepts the code as a person types it: any case, with or without dashes and spaces', () => {
    const gate = new SetupCode();
    const code = gate.issue();
    for (const typed of [
      code,
      code.toLowerCase(),
      code.replaceAll('-', ''),
      ` ${code.replaceAll('-', ' ')} `,
    ])
      expect(gate.matches(typed)).toBe(true);
    expect(gate.matches(code.slice(0, -1))).toBe(false);
    expect(gate.matches('')).toBe(false);
  });

  it('reads O as zero and I or L as one, as Crockford base32 does', () => {
    expect(normaliseSetupCode('o0Il-1LOo')).toBe('00111100');
  });

  it('forgets an earlier code when it issues a new one, and every code once consumed', () => {
    const gate = new SetupCode();
    expect(gate.pending).toBe(false);
    expect(gate.matches('0000-0000-0000')).toBe(false);
    const first = gate.issue();
    const second = gate.issue();
    expect(gate.matches(first)).toBe(false);
    expect(gate.matches(second)).toBe(true);
    gate.consume();
    expect(gate.pending).toBe(false);
    expect(gate.matches(second)).toBe(false);
  });

  it('is found in the notice the daemon prints', () => {
    const code = new SetupCode().issue();
    expect(SETUP_CODE_PATTERN.exec(setupCodeNotice(code))?.[1]).toBe(code);
  });
});
