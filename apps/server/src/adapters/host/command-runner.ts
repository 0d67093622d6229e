import { execFile } from 'node:child_process';

/** Runs a program with an argv array (never a shell); rejects with what the program said on failure. */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<void>;

/** A machine setting that hangs for longer than this is a stuck system bus, not a slow one. */
const TIMEOUT_MS = 15_000;

/** The real runner: execFile, no shell, a deadline, and the program's own error text on failure. */
export const execFileRunner: CommandRunner = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { shell: false, timeout: TIMEOUT_MS, windowsHide: true },
      (err, _out, stderr) => {
        if (!err) return resolve();
        // The first line of stderr says why (e.g. "Failed to set time zone: Invalid or not installed time zone").
        const said = stderr.trim().split('\n')[0];
        reject(new Error(`${file} failed: ${said || err.message}`, { cause: err }));
      },
    );
  });
