import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A sealed value that could not be opened: tampered with, truncated, or sealed with another key. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * Seals secrets at rest (registry passwords, webhook secrets, …) with AES-256-GCM. The sealed form
 * is one printable string, so it fits a TEXT column and carries its version for a future key or
 * cipher change.
 * @example
 * const box = new SecretBox(key);
 * const sealed = box.encrypt('hunter2'); // 'v1:<iv>:<tag>:<ciphertext>'
 * box.decrypt(sealed) === 'hunter2';
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`a secret key is ${KEY_BYTES} bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
  }

  /** Opens a value sealed by `encrypt`; throws `SecretBoxError` if it was altered or the key differs. */
  decrypt(sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) {
      throw new SecretBoxError(`not a sealed secret (expected ${VERSION}:<iv>:<tag>:<ciphertext>)`);
    }
    const [, ivText = '', tagText = '', dataText = ''] = parts;
    const iv = Buffer.from(ivText, 'base64');
    const tag = Buffer.from(tagText, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
      throw new SecretBoxError('sealed secret is malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch (err) {
      throw new SecretBoxError(
        'could not decrypt a stored secret: it was altered, or HM_SECRET_KEY / secret.key is not the key it was sealed with',
        { cause: err },
      );
    }
  }
}
