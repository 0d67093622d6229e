import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { stackNameSchema } from '@harbourmaster/contracts';
import { writeAtomic } from './no-follow-file.js';

/** The file in the stacks directory that records the stacks managed where they are. */
export const ADOPTED_FILE = '.adopted.json';

const recordSchema = z.record(stackNameSchema, z.string().refine(isAbsolute, 'an absolute path'));

/**
 * Stacks managed in place: Compose projects started from a folder outside the stacks directory and
 * adopted where they are. The record is a small JSON file in the stacks directory (so it travels with
 * it); each folder is checked on every use to still be a real folder at its recorded real path.
 */
export class AdoptedStacks {
  readonly #folders = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly onBadRecord: (reason: string) => void = () => undefined,
  ) {
    let text: string;
    try {
      text = readFileSync(`${root}/${ADOPTED_FILE}`, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const parsed = recordSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      onBadRecord(`${ADOPTED_FILE} is not a record of stack folders; stacks adopted in place are not listed`);
      return;
    }
    for (const [name, folder] of Object.entries(parsed.data)) this.#folders.set(name, folder);
  }

  names(): string[] {
    return [...this.#folders.keys()];
  }

  /** The recorded folder of an adopted stack, or undefined when the name is not adopted in place. */
  recorded(name: string): string | undefined {
    return this.#folders.get(name);
  }

  /** The folder, when it is still a real folder at its real path; else why not. */
  check(name: string): { ok: true; folder: string } | { ok: false; reason: string } | undefined {
    const folder = this.#folders.get(name);
    if (folder === undefined) return undefined;
    const stats = lstatSync(folder, { throwIfNoEntry: false });
    if (!stats) return { ok: false, reason: `the folder ${folder} of stack ${name} is gone` };
    if (!stats.isDirectory())
      return { ok: false, reason: `${folder} of stack ${name} is no longer a real folder` };
    if (realpathSync(folder) !== folder)
      return { ok: false, reason: `the folder of stack ${name} leads elsewhere than ${folder}` };
    return { ok: true, folder };
  }

  async add(name: string, folder: string): Promise<void> {
    this.#folders.set(name, folder);
    await this.save();
  }

  async forget(name: string): Promise<void> {
    if (this.#folders.delete(name)) await this.save();
  }

  private save(): Promise<void> {
    const text = `${JSON.stringify(Object.fromEntries(this.#folders), null, 2)}\n`;
    return writeAtomic(this.root, ADOPTED_FILE, text, 0o600);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
