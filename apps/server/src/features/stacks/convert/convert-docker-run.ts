import type { StackConvertReply } from '@harbourmaster/contracts';
import { parseDockerRun } from './docker-run-parse.js';
import { projectReply } from './project-reply.js';
import { runToService } from './run-to-service.js';
import { splitShellWords } from './shell-words.js';

/**
 * A pasted `docker run` command as a compose file with one service. Throws `ConvertError` (naming
 * the word and its position) when the command cannot be read.
 * @example
 * convertDockerRun('docker run -d --name web -p 8080:80 nginx:1.27').compose;
 * // 'services:\n  web:\n    image: nginx:1.27\n    container_name: web\n    ports:\n      - 8080:80\n'
 */
export function convertDockerRun(command: string, opts: { name?: string } = {}): StackConvertReply {
  const shell = splitShellWords(command);
  const project = runToService(parseDockerRun(shell.words), opts);
  return projectReply({ ...project, warnings: [...shell.warnings, ...project.warnings] });
}
