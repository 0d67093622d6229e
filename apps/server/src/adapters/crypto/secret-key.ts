import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const KEY_BYTES = 32;
export const SECRET_KEY_FILE = 'secret.key';

/**
 * The 32-byte key for `SecretBox`: from HM_SECRET_KEY (64 hex characters or base64) when set,
 * else from `<dataDir>/secret.key`, which is created on first start with mode 0600.
 * @example const box = new SecretBox(await loadSecretKey(config.secretKey, config.dataDir));
 */
export async function loadSecretKey(fromEnv: string | undefined, dataDir: string): Promise<Buffer> {
  if (fromEnv) return parseKey(fromEnv, 'HM_SECRET_KEY');
  const file = join(dataDir, SECRET_KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing) return existing;
  await createKeyFile(file, dataDir);
  const created = await readKeyFile(file);
  if (!created) throw new Error(`${file} vanished right after it was created`);
  return created;
}

function parseKey(text: string, source: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  // 32 bytes in base64 are exactly 43 characters and one '=' of padding.
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return Buffer.from(value, 'base64');
  throw new Error(`${source} must hold a 32-byte key as 64 hex characters or base64`);
}

async function readKeyFile(file: string): Promise<Buffer | null> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // Anyone who can read the key can read every stored secret, so a loose mode is a refusal, not a warning.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(
      `${file} is readable by group or others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}`,
    );
  }
  return parseKey(await readFile(file, 'utf8'), file);
}

/**
 * Writes a new key to a temporary file and hard-links it into place: the link fails if another
 * process won the race, and nobody ever sees a half-written key file.
 */
async function createKeyFile(file: string, dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(KEY_BYTES).toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(tmp);
  }
}
