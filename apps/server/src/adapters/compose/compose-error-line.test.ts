import { describe, expect, it } from 'vitest';
import { composeErrorLine } from './compose-error-line.js';

// Texts captured from docker-compose 1.29.2 (`config --quiet`) on this machine.
const V1_BAD_INDENT = `yaml.parser.ParserError: while parsing a block mapping
  in "./compose.yaml", line 2, column 3
expected <block end>, but found '<block mapping start>'
  in "./compose.yaml", line 4, column 4`;
const V1_TAB = `yaml.scanner.ScannerError: while scanning for the next token
found character '\\t' that cannot start any token
  in "./compose.yaml", line 4, column 1`;
const V1_UNCLOSED = `yaml.parser.ParserError: while parsing a flow sequence
  in "./compose.yaml", line 4, column 14
expected ',' or ']', but got '<stream end>'
  in "./compose.yaml", line 5, column 1`;
const V1_SCHEMA = `The Compose file './compose.yaml' is invalid because:
Unsupported config option for services.a: 'bogus'`;

describe('composeErrorLine', () => {
  it("names the problem mark (the last one) of a v1 parser error, not the context's", () => {
    expect(composeErrorLine(V1_BAD_INDENT)).toBe(4);
    expect(composeErrorLine(V1_UNCLOSED)).toBe(5);
  });

  it('reads a scanner error with a single mark', () => {
    expect(composeErrorLine(V1_TAB)).toBe(4);
  });

  it('reads the v2 form `yaml: line N:`', () => {
    expect(composeErrorLine('yaml: line 7: did not find expected key')).toBe(7);
  });

  it('gives null when the error names no line (a schema error)', () => {
    expect(composeErrorLine(V1_SCHEMA)).toBeNull();
    expect(composeErrorLine('services.a.image must be a string, not "line 3"')).toBeNull();
  });
});
