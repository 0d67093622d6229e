import { parseDockerRun } from './docker-run-parse.js';
import { runToService } from './run-to-service.js';
import { splitShellWords } from './shell-words.js';

// Shared by the converter's unit tests: `docker run <flags> img` through the whole pipeline.

/** The service (and volumes, networks, warnings) that `docker run <flags> img` becomes. */
export const build = (flags: string) =>
  runToService(parseDockerRun(splitShellWords(`docker run ${flags} img`).words));

/** The message of the error `docker run <flags> img` is refused with (fails the test when there is none). */
export const failure = (flags: string): string => {
  try {
    build(flags);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`no error for ${flags}`);
};
