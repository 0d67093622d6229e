import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Crockford's base32: no I, L, O or U, so a code read off a terminal cannot be mistyped as a
 * look-alike; those letters are read as the digits they resemble instead.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** How a code looks in the daemon's output, for operators and for tests that read it from there. */
export const SETUP_CODE_PATTERN = /Setup code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/;

/** The line the daemon prints at start while no admin exists. */
export function setupCodeNotice(code: string): string {
  return `Setup code: ${code} — enter it in the panel to create the first admin`;
}

/** A typed code in its canonical form: upper case, no separators, look-alike letters as digits. */
export function normaliseSetupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function digest(code: string): Buffer {
  return createHash('sha256').update(normaliseSetupCode(code), 'utf8').digest();
}

/**
 * The one-time code that proves whoever creates the first admin can read the daemon's console or
 * log — not merely reach its port first. Only a hash is kept, and only in memory: a restart issues
 * a new code and the old one is worthless. 60 random bits; SHA-256 suffices for that, and the
 * sign-in limiter caps guesses per address.
 */
export class SetupCode {
  #digest: Buffer | null = null;

  /**
   * Makes a new code, forgetting any earlier one, and returns its only copy.
   * @example setupCode.issue() // 'K7QZ-2M9D-XW4T'
   */
  issue(): string {
    const chars = [...randomBytes(GROUPS * GROUP_LENGTH)].map((b) => ALPHABET[b % ALPHABET.length]);
    const groups = Array.from({ length: GROUPS }, (_, i) =>
      chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''),
    );
    const code = groups.join('-');
    this.#digest = digest(code);
    return code;
  }

  /** Whether a code was issued and not yet used. */
  get pending(): boolean {
    return this.#digest !== null;
  }

  /** Whether `typed` is the current code, compared in constant time; false once it was used. */
  matches(typed: string): boolean {
    return this.#digest !== null && timingSafeEqual(this.#digest, digest(typed));
  }

  /** Spends the code: it is good for creating one first admin, never a second. */
  consume(): void {
    this.#digest = null;
  }
}
