import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/** Turns passwords into stored hashes and checks them; a seam so tests need not pay for argon2. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a stored value that is not a hash this hasher understands. */
  verify(password: string, stored: string): Promise<boolean>;
}

export interface Argon2Params {
  /** Memory in KiB. */
  memory: number;
  passes: number;
  parallelism: number;
}

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const DEFAULT_ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({
  memory: 19_456,
  passes: 2,
  parallelism: 1,
});

const SALT_BYTES = 16;
const TAG_BYTES = 32;
const VERSION = 19;
// Bounds on what a stored string may ask for, so a corrupted row cannot make a sign-in allocate gigabytes.
const MAX_MEMORY_KIB = 1024 * 1024;
const MAX_PASSES = 16;
const MAX_PARALLELISM = 16;
const PHC_PATTERN = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, params: Argon2Params, tagLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2('argon2id', { message: password, nonce: salt, tagLength, ...params }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Base64 without padding, as the PHC string format writes it. */
const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

interface ParsedHash {
  params: Argon2Params;
  salt: Buffer;
  tag: Buffer;
}

function parse(stored: string): ParsedHash | null {
  const m = PHC_PATTERN.exec(stored);
  if (!m) return null;
  const [, version, memory, passes, parallelism, salt, tag] = m;
  const params = { memory: Number(memory), passes: Number(passes), parallelism: Number(parallelism) };
  if (Number(version) !== VERSION) return null;
  if (params.memory > MAX_MEMORY_KIB || params.passes > MAX_PASSES || params.parallelism > MAX_PARALLELISM)
    return null;
  if (params.memory < 8 * params.parallelism || params.passes < 1 || params.parallelism < 1) return null;
  const saltBytes = Buffer.from(salt ?? '', 'base64');
  const tagBytes = Buffer.from(tag ?? '', 'base64');
  if (saltBytes.length < 8 || tagBytes.length < 16) return null;
  return { params, salt: saltBytes, tag: tagBytes };
}

/**
 * argon2id from node:crypto, stored as a self-describing PHC string so the parameters can be raised
 * later without breaking existing hashes.
 * @example
 * const hasher = argon2Hasher();
 * const stored = await hasher.hash('correct horse'); // '$argon2id$v=19$m=19456,t=2,p=1$…$…'
 * await hasher.verify('correct horse', stored); // true
 */
export function argon2Hasher(params: Argon2Params = DEFAULT_ARGON2_PARAMS): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      const tag = await derive(password, salt, params, TAG_BYTES);
      const { memory, passes, parallelism } = params;
      return `$argon2id$v=${VERSION}$m=${memory},t=${passes},p=${parallelism}$${b64(salt)}$${b64(tag)}`;
    },
    async verify(password, stored) {
      const parsed = parse(stored);
      if (!parsed) return false;
      const tag = await derive(password, parsed.salt, parsed.params, parsed.tag.length);
      return timingSafeEqual(tag, parsed.tag);
    },
  };
}
