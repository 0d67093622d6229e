import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComposeCli } from './compose-cli.js';
import { mergeEnvTexts, needsEnvMerge } from './compose-argv.js';

/** Env files ready for one call, and how to remove any temporary file made for it. */
export type PreparedEnvFiles = { files: string[]; cleanup: () => Promise<void> };

/**
 * The env files to pass to this CLI: as given for the plugin, or merged into one private temp
 * file (mode 0600, removed by `cleanup`) for v1, which reads `--env-file` only once.
 */
export async function prepareEnvFiles(
  kind: ComposeCli['kind'],
  envFiles: readonly string[],
): Promise<PreparedEnvFiles> {
  if (!needsEnvMerge(kind, envFiles)) return { files: [...envFiles], cleanup: () => Promise.resolve() };
  const texts = await Promise.all(
    envFiles.map((f) =>
      readFile(f, 'utf8').catch((err: unknown) => {
        // The path only: an env file's contents are secrets and never reach a message.
        throw new Error(`cannot read env file ${f}`, { cause: err });
      }),
    ),
  );
  const dir = await mkdtemp(join(tmpdir(), 'hm-compose-env-'));
  const merged = join(dir, 'merged.env');
  await writeFile(merged, mergeEnvTexts(texts), { mode: 0o600 });
  return { files: [merged], cleanup: () => rm(dir, { recursive: true, force: true }) };
}
