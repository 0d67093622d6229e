import { stat } from 'node:fs/promises';

/** Answers whether a path exists on the machine the daemon runs on (the `local` host). */
export async function localPathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
