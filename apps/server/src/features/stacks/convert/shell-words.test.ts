import { describe, expect, it } from 'vitest';
import { displayText, hasVariable } from './interpolation.js';
import { splitShellWords } from './shell-words.js';

const words = (input: string) => splitShellWords(input).words.map((w) => displayText(w.text));
const failure = (input: string) => {
  try {
    splitShellWords(input);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`no error for ${input}`);
};

describe('splitShellWords', () => {
  it('splits on any run of blanks and newlines', () => {
    expect(words('  docker   run\t-d \n\n nginx  ')).toEqual(['docker', 'run', '-d', 'nginx']);
    expect(words('')).toEqual([]);
  });

  it('removes quotes: single quotes are literal, double quotes know \\" \\\\ \\$ and \\`', () => {
    expect(words(`'a b' "c d" 'it''s' "say \\"hi\\"" "back\\\\slash" "keep \\n" e'f'"g"`)).toEqual([
      'a b',
      'c d',
      'its',
      'say "hi"',
      'back\\slash',
      'keep \\n',
      'efg',
    ]);
    expect(words(`'' ""`)).toEqual(['', '']);
    expect(words(`'"' "'"`)).toEqual(['"', "'"]);
  });

  it('honours backslash escapes outside quotes', () => {
    expect(words('a\\ b \\"c\\" \\\\ \\$HOME \\|')).toEqual(['a b', '"c"', '\\', '$HOME', '|']);
  });

  it('joins lines continued with a backslash, LF or CRLF, even inside a word or double quotes', () => {
    expect(words('docker run \\\n  -p 80:80 \\\r\n  nginx')).toEqual([
      'docker',
      'run',
      '-p',
      '80:80',
      'nginx',
    ]);
    expect(words('ngi\\\nnx "a\\\nb"')).toEqual(['nginx', 'ab']);
    expect(words('run \\')).toEqual(['run']);
  });

  it('reads a continuation whose backslash picked up trailing spaces, with a warning', () => {
    const r = splitShellWords('docker run \\  \n  nginx');
    expect(r.words.map((w) => w.text)).toEqual(['docker', 'run', 'nginx']);
    expect(r.warnings[0]).toMatch(/backslash followed by spaces/);
  });

  it('keeps the position of each word', () => {
    const r = splitShellWords('docker run \\\n  --name "web app" nginx');
    expect(r.words[2]).toEqual({ text: '--name', position: { line: 2, column: 3 } });
    expect(r.words[3]?.position).toEqual({ line: 2, column: 10 });
  });

  it('skips comments that start a word', () => {
    expect(words('docker run nginx # the web server\n')).toEqual(['docker', 'run', 'nginx']);
    expect(words('a#b')).toEqual(['a#b']);
  });

  it('turns shell variables outside single quotes into marks for Compose', () => {
    const r = splitShellWords(`-e P=$PGPASS -e "U=\${DB_USER}" -e 'L=$LIT' -e T=\${TAG:-latest} "$a$b"`);
    expect(r.words.map((w) => displayText(w.text))).toEqual([
      '-e',
      'P=${PGPASS}',
      '-e',
      'U=${DB_USER}',
      '-e',
      'L=$LIT',
      '-e',
      'T=${TAG:-latest}',
      '${a}${b}',
    ]);
    // A literal $ stays plain text: only the marks are variables.
    expect(r.words[5]?.text).toBe('L=$LIT');
    expect(hasVariable(r.words[5]?.text ?? '')).toBe(false);
    expect(hasVariable(r.words[1]?.text ?? '')).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('keeps $ that the shell would not expand as it is', () => {
    expect(words('a$ $ "cost: $5.00"x $/x')).toEqual(['a$', '$', 'cost: $5.00x', '$/x']);
  });

  it('keeps command substitutions and odd expansions as literal text, with warnings', () => {
    const r = splitShellWords('-e NOW=$(date +%s) "x=`id -u`" ${#LEN} $1 "$(echo "a b")"');
    expect(r.words.map((w) => w.text)).toEqual([
      '-e',
      'NOW=$(date +%s)',
      'x=`id -u`',
      '${#LEN}',
      '$1',
      '$(echo "a b")',
    ]);
    expect(r.words.some((w) => hasVariable(w.text))).toBe(false);
    expect(r.warnings.join('\n')).toMatch(/\$\(date \+%s\) is not run/);
    expect(r.warnings.join('\n')).toMatch(/`id -u` is not run/);
    expect(r.warnings.join('\n')).toMatch(/\$\{#LEN\} is shell syntax/);
    expect(r.warnings.join('\n')).toMatch(/\$1 is not expanded/);
  });

  it('reads $(pwd) and `pwd` as the variable $PWD they stand for', () => {
    const r = splitShellWords('-v "$(pwd)":/app -v `pwd`/data:/data');
    expect(r.words.map((w) => displayText(w.text))).toEqual(['-v', '${PWD}:/app', '-v', '${PWD}/data:/data']);
    expect(r.warnings).toEqual([]);
  });

  it('names the position of an unclosed quote', () => {
    expect(failure(`docker run \\\n  -e 'A=b nginx`)).toBe(
      "the single quote (') opened here is never closed (at line 2, column 6)",
    );
    expect(failure('docker run "nginx')).toMatch(/double quote .* line 1, column 12/);
    expect(failure('echo `id')).toMatch(/backtick .* never closed/);
    expect(failure('echo $(id')).toMatch(/\$\( opened here is never closed/);
    expect(failure('echo ${X')).toMatch(/\$\{ opened here is never closed/);
  });

  it('refuses pipes, lists, background jobs, redirections and subshells outside quotes', () => {
    expect(failure('docker run nginx | tee log')).toMatch(
      /^`\|` is shell syntax.*paste one docker run command/,
    );
    expect(failure('docker pull nginx && docker run nginx')).toMatch(/^`&&` .* \(at line 1, column 19\)$/);
    expect(failure('docker run nginx; echo done')).toMatch(/^`;`/);
    expect(failure('docker run nginx > out.txt')).toMatch(/^`>`/);
    expect(failure('docker run nginx 2>&1')).toMatch(/^`>`/);
    expect(failure('docker run nginx &')).toMatch(/^`&`/);
    expect(failure('(docker run nginx)')).toMatch(/^`\(`/);
    // Quoted or escaped, they are ordinary characters.
    expect(words(`sh -c 'a | b; c && d > e' x\\;y`)).toEqual(['sh', '-c', 'a | b; c && d > e', 'x;y']);
  });

  it("refuses bash's $'…' quoting and unreadable characters", () => {
    expect(failure("echo $'a\\nb'")).toMatch(/\$'…' quoting is not supported/);
    expect(failure('docker run\u0000 nginx')).toMatch(/unreadable character \(U\+0000\).*column 11/);
    expect(failure('docker run \uE000x')).toMatch(/U\+E000/);
  });

  it('warns about typographic quotes, which a shell keeps as characters', () => {
    const r = splitShellWords('docker run -e “A=b” nginx');
    expect(r.words[3]?.text).toBe('“A=b”');
    expect(r.warnings[0]).toMatch(/typographic quotes/);
  });
});
