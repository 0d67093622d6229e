import { describe, expect, it } from 'vitest';
import { argon2Hasher, DEFAULT_ARGON2_PARAMS } from './password-hasher.js';

// Small parameters keep the unit tests fast; one test checks the defaults the daemon uses.
const fast = argon2Hasher({ memory: 256, passes: 2, parallelism: 1 });

describe('argon2Hasher', () => {
  it('uses argon2id at 19 MiB and 2 passes by default, in a self-describing string', async () => {
    expect(DEFAULT_ARGON2_PARAMS).toEqual({ memory: 19_456, passes: 2, parallelism: 1 });
    const stored = await argon2Hasher().hash('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await argon2Hasher().verify('correct horse battery', stored)).toBe(true);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await fast.hash('pässwörd-1');
    expect(await fast.verify('pässwörd-1', stored)).toBe(true);
    expect(await fast.verify('pässwörd-2', stored)).toBe(false);
    expect(await fast.verify('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await fast.hash('same')).not.toBe(await fast.hash('same'));
  });

  it('verifies with the parameters stored in the hash, not its own', async () => {
    const stored = await fast.hash('pw');
    expect(await argon2Hasher({ memory: 512, passes: 3, parallelism: 2 }).verify('pw', stored)).toBe(true);
  });

  it('refuses stored values it does not understand or that ask for absurd costs', async () => {
    const stored = await fast.hash('pw');
    const [, , , , salt, tag] = stored.split('$');
    for (const bad of [
      '',
      'plaintext',
      stored.replace('argon2id', 'argon2i'),
      stored.replace('v=19', 'v=16'),
      `$argon2id$v=19$m=4194304,t=2,p=1$${salt}$${tag}`,
      `$argon2id$v=19$m=256,t=1000,p=1$${salt}$${tag}`,
      `$argon2id$v=19$m=256,t=2,p=1$${salt}$AAAA`,
    ]) {
      expect(await fast.verify('pw', bad)).toBe(false);
    }
  });
});
