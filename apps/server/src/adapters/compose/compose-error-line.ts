/**
 * The line number in a Compose CLI YAML error, or null when the text names none.
 *
 * PyYAML (Compose v1) prints a context mark and then a problem mark, e.g.
 * `while parsing a block mapping\n  in "./compose.yaml", line 2, column 3\nexpected <block end> …\n
 * in "./compose.yaml", line 4, column 4`; the last mark is where the parser gave up, so that is the
 * line we name. Compose v2 says `yaml: line 4: did not find expected key`.
 */
export function composeErrorLine(text: string): number | null {
  const marks = [...text.matchAll(/\bline (\d+)(?:, column \d+|:)/g)];
  const last = marks.at(-1);
  if (!last?.[1]) return null;
  const line = Number(last[1]);
  return Number.isSafeInteger(line) && line > 0 ? line : null;
}
