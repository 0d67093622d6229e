/**
 * Writes a line for the person who started the daemon, on stderr and outside the structured log:
 * it reaches a terminal, `docker logs` and the journal whatever HM_LOG_LEVEL says.
 */
export function tellOperator(line: string): void {
  process.stderr.write(`${line}\n`);
}
